package io.gatehouse.pg.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Blocking counterpart of {@link FrameDecoder} for stream sockets (the backend side): reads one
 * whole typed frame per call into its own heap buffer. Same length checks.
 */
public final class StreamFrameReader {
  private final DataInputStream in;
  private final FrameDecoder limits;

  public StreamFrameReader(InputStream in, FrameDecoder limits) {
    this.in = new DataInputStream(in);
    this.limits = limits;
  }

  /**
   * The next frame; {@link EOFException} if the peer closed the connection, even mid-frame.
   *
   * @throws WireFormatException for a lying length
   */
  public Frame read() throws IOException {
    byte type = in.readByte();
    int length = in.readInt();
    limits.checkLength(type, length);
    byte[] raw = new byte[length + 1];
    raw[0] = type;
    ByteBuffer.wrap(raw, 1, 4).putInt(length);
    in.readFully(raw, 5, length - 4);
    return Frame.typed(ByteBuffer.wrap(raw));
  }
}
