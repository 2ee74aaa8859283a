package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;

/**
 * Cuts the untyped packets a client sends before its StartupMessage (SSLRequest, GSSENCRequest,
 * CancelRequest, StartupMessage) out of a NIO buffer; {@code null} means "need more bytes". Like
 * PostgreSQL, a packet must be 8 to 10000 bytes long.
 */
public final class StartupDecoder {
  /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
  public static final int MAX_LENGTH = 10000;

  private static final int MIN_LENGTH = 8;

  public Frame next(ByteBuffer buf) throws WireFormatException {
    if (buf.remaining() < 4) {
      return null;
    }
    int length = buf.getInt(buf.position());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new WireFormatException("invalid length of startup packet: " + length);
    }
    if (buf.remaining() < length) {
      return null;
    }
    ByteBuffer raw = buf.slice(buf.position(), length);
    buf.position(buf.position() + length);
    return Frame.untyped(raw);
  }
}
