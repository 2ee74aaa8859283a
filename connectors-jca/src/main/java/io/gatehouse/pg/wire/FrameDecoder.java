package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;

/**
 * Cuts typed messages (type byte, Int32 length, body) out of a NIO buffer without blocking: {@link
 * #next} returns {@code null} when the buffer does not yet hold a whole frame. Lengths below 4 or
 * above the limit are refused before any body byte is buffered.
 */
public final class FrameDecoder {
  /** Frontend messages: the largest is a Bind or CopyData; 64 MiB is plenty. */
  public static final int DEFAULT_FRONTEND_MAX_LENGTH = 64 << 20;

  /** Backend messages may carry a 1 GiB field value; PostgreSQL's own limit for a DataRow. */
  public static final int DEFAULT_BACKEND_MAX_LENGTH = 1 << 30;

  private static final int HEADER = 5;

  private final int maxLength;
  private final boolean fromFrontend;

  private FrameDecoder(int maxLength, boolean fromFrontend) {
    if (maxLength < 4) {
      throw new IllegalArgumentException("maxLength must be at least 4");
    }
    this.maxLength = maxLength;
    this.fromFrontend = fromFrontend;
  }

  /** For messages a client sends, with {@link #DEFAULT_FRONTEND_MAX_LENGTH}. */
  public static FrameDecoder frontend() {
    return new FrameDecoder(DEFAULT_FRONTEND_MAX_LENGTH, true);
  }

  public static FrameDecoder frontend(int maxLength) {
    return new FrameDecoder(maxLength, true);
  }

  /** For messages a server sends, with {@link #DEFAULT_BACKEND_MAX_LENGTH}. */
  public static FrameDecoder backend() {
    return new FrameDecoder(DEFAULT_BACKEND_MAX_LENGTH, false);
  }

  public static FrameDecoder backend(int maxLength) {
    return new FrameDecoder(maxLength, false);
  }

  public int maxLength() {
    return maxLength;
  }

  /**
   * The next complete frame between {@code buf}'s position and limit (position advanced past it),
   * or {@code null} with the position unchanged when more bytes are needed. The frame shares {@code
   * buf}'s memory.
   */
  public Frame next(ByteBuffer buf) throws WireFormatException {
    int total = frameSize(buf);
    if (total < 0 || buf.remaining() < total) {
      return null;
    }
    ByteBuffer raw = buf.slice(buf.position(), total);
    buf.position(buf.position() + total);
    return Frame.typed(raw);
  }

  /**
   * Total size in bytes (type byte included) of the frame starting at {@code buf}'s position, or -1
   * if its header is not complete yet. Callers with a fixed buffer grow it to this size.
   */
  public int frameSize(ByteBuffer buf) throws WireFormatException {
    if (buf.remaining() < HEADER) {
      return -1;
    }
    byte type = buf.get(buf.position());
    int length = buf.getInt(buf.position() + 1);
    checkLength(type, length);
    return length + 1;
  }

  /** Validates a length field as read; shared with the blocking {@link StreamFrameReader}. */
  void checkLength(byte type, int length) throws WireFormatException {
    if (length < 4) {
      throw new WireFormatException("invalid message length " + length + " for " + name(type));
    }
    if (length > maxLength) {
      throw new WireFormatException(
          SqlState.PROGRAM_LIMIT_EXCEEDED,
          name(type) + " message too long: " + length + " bytes, limit " + maxLength);
    }
  }

  private String name(byte type) {
    return fromFrontend ? FrontendCode.name(type) : BackendCode.name(type);
  }
}
