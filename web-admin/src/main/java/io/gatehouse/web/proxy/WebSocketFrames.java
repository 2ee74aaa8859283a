package io.gatehouse.web.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * RFC 6455 framing, just enough to read a relayed WebSocket: an incremental parser fed arbitrary
 * chunks ({@link #feed}) that hands each complete frame to a handler, and the encoder that writes a
 * frame back. Payloads are kept whole (bounded by {@code maxPayload}); extensions are not
 * negotiated by kubectl and not supported.
 */
final class WebSocketFrames {

  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;

  /**
   * One frame.
   *
   * @param payload unmasked
   * @param maskKey the 4-byte mask as sent (client to server), or null
   */
  record Frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] maskKey) {

    boolean data() {
      return opcode == TEXT || opcode == BINARY || opcode == CONTINUATION;
    }

    Frame withPayload(byte[] replaced) {
      return new Frame(fin, rsv, opcode, replaced, maskKey);
    }
  }

  /** Receives each complete frame. */
  @FunctionalInterface
  interface Handler {
    void frame(Frame frame) throws IOException;
  }

  private final Handler handler;
  private final int maxPayload;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream(14);
  private byte[] payload;
  private int filled;
  private boolean fin;
  private int rsv;
  private int opcode;
  private byte[] mask;

  WebSocketFrames(int maxPayload, Handler handler) {
    this.maxPayload = maxPayload;
    this.handler = handler;
  }

  /** Parses what arrived; complete frames go to the handler in order. */
  void feed(byte[] b, int off, int len) throws IOException {
    int i = off;
    int end = off + len;
    while (i < end) {
      if (payload == null) {
        head.write(b[i++]);
        headerComplete();
      } else {
        int n = Math.min(end - i, payload.length - filled);
        System.arraycopy(b, i, payload, filled, n);
        filled += n;
        i += n;
      }
      if (payload != null && filled == payload.length) {
        byte[] data = payload;
        if (mask != null) {
          for (int k = 0; k < data.length; k++) {
            data[k] ^= mask[k & 3];
          }
        }
        payload = null;
        handler.frame(new Frame(fin, rsv, opcode, data, mask));
      }
    }
  }

  private void headerComplete() throws IOException {
    byte[] h = head.toByteArray();
    if (h.length < 2) {
      return;
    }
    boolean masked = (h[1] & 0x80) != 0;
    int len7 = h[1] & 0x7f;
    int lengthBytes = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
    int need = 2 + lengthBytes + (masked ? 4 : 0);
    if (h.length < need) {
      return;
    }
    long length = len7;
    if (lengthBytes > 0) {
      length = 0;
      for (int k = 0; k < lengthBytes; k++) {
        length = (length << 8) | (h[2 + k] & 0xff);
      }
    }
    if (length < 0 || length > maxPayload) {
      throw new IOException(
          "a WebSocket frame of " + length + " bytes is over the limit of " + maxPayload);
    }
    fin = (h[0] & 0x80) != 0;
    rsv = (h[0] >> 4) & 0x7;
    opcode = h[0] & 0x0f;
    mask = masked ? java.util.Arrays.copyOfRange(h, 2 + lengthBytes, 6 + lengthBytes) : null;
    payload = new byte[(int) length];
    filled = 0;
    head.reset();
  }

  /** Writes a frame, masked with its key if it has one (as the client sent it). */
  static void write(OutputStream out, Frame frame) throws IOException {
    byte[] p = frame.payload();
    ByteArrayOutputStream h = new ByteArrayOutputStream(14);
    h.write((frame.fin() ? 0x80 : 0) | (frame.rsv() << 4) | frame.opcode());
    int maskBit = frame.maskKey() == null ? 0 : 0x80;
    if (p.length < 126) {
      h.write(maskBit | p.length);
    } else if (p.length <= 0xffff) {
      h.write(maskBit | 126);
      h.write(p.length >>> 8);
      h.write(p.length);
    } else {
      h.write(maskBit | 127);
      for (int k = 7; k >= 0; k--) {
        h.write(k >= 4 ? 0 : (p.length >>> (8 * k)));
      }
    }
    byte[] body = p;
    if (frame.maskKey() != null) {
      h.write(frame.maskKey());
      body = p.clone();
      for (int k = 0; k < body.length; k++) {
        body[k] ^= frame.maskKey()[k & 3];
      }
    }
    out.write(h.toByteArray());
    out.write(body);
  }
}
