package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one message: a type byte (or none, for startup packets), a length patched in by {@link
 * #toByteArray()}, then primitives. Rejects values the protocol cannot carry.
 */
public final class WireWriter {
  private byte[] buf = new byte[64];
  private int size;
  private final int lengthAt;

  private WireWriter(boolean typed, byte type) {
    if (typed) {
      buf[size++] = type;
    }
    lengthAt = size;
    size += 4;
  }

  /** A regular message with a type byte. */
  public static WireWriter message(byte type) {
    return new WireWriter(true, type);
  }

  /** An untyped startup-phase packet (StartupMessage, SSLRequest, CancelRequest...). */
  public static WireWriter startupPacket() {
    return new WireWriter(false, (byte) 0);
  }

  public WireWriter int8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public WireWriter int16(int v) {
    if (v < Short.MIN_VALUE || v > 0xffff) {
      throw new IllegalArgumentException("value does not fit in Int16: " + v);
    }
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  public WireWriter int32(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  /** A NUL-terminated UTF-8 string; an embedded NUL cannot be represented. */
  public WireWriter cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (byte x : b) {
      if (x == 0) {
        throw new IllegalArgumentException("string contains a NUL character");
      }
    }
    return bytes(b).int8(0);
  }

  public WireWriter bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /** Copies the remaining bytes of {@code b} without moving its position. */
  public WireWriter bytes(ByteBuffer b) {
    int n = b.remaining();
    ensure(n);
    b.duplicate().get(buf, size, n);
    size += n;
    return this;
  }

  /** The finished frame, length field filled in. */
  public byte[] toByteArray() {
    int len = size - lengthAt;
    buf[lengthAt] = (byte) (len >>> 24);
    buf[lengthAt + 1] = (byte) (len >>> 16);
    buf[lengthAt + 2] = (byte) (len >>> 8);
    buf[lengthAt + 3] = (byte) len;
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int n) {
    long needed = (long) size + n;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("message too large");
    }
    if (needed > buf.length) {
      buf =
          Arrays.copyOf(
              buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * buf.length)));
    }
  }
}
