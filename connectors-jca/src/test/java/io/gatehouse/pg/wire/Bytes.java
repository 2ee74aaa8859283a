package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Test helpers for building frames by hand. */
final class Bytes {
  private Bytes() {}

  static ByteBuffer buf(byte[] b) {
    return ByteBuffer.wrap(b);
  }

  static ByteBuffer utf8(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A typed frame with a correct length around {@code body}. */
  static byte[] typed(char type, byte[] body) {
    return ByteBuffer.allocate(5 + body.length)
        .put((byte) type)
        .putInt(4 + body.length)
        .put(body)
        .array();
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }
}
