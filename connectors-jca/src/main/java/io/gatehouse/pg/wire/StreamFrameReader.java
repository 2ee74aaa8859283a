package io.gatehouse.pg.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocking counterpart of {@link FrameDecoder} for stream sockets (the backend side): reads one
 * whole typed frame per call into its own heap buffer. Same length checks. Memory follows the bytes
 * that arrive, not the length a peer declares: a body larger than {@link #EXACT_LIMIT} is read in
 * chunks of {@link #EXACT_LIMIT} doubling up to {@link #MAX_CHUNK}, so a header alone never commits
 * more than one chunk.
 */
public final class StreamFrameReader {
  /** Bodies up to this size (nearly every frame) are allocated at once, as declared. */
  static final int EXACT_LIMIT = 64 << 10;

  /** The largest chunk allocated ahead of the bytes it will hold. */
  static final int MAX_CHUNK = 1 << 20;

  private static final int HEADER = 5;

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
    int bodyLength = length - 4;
    byte[] raw;
    if (bodyLength <= EXACT_LIMIT) {
      raw = new byte[length + 1];
      in.readFully(raw, HEADER, bodyLength);
    } else {
      raw = readInChunks(bodyLength);
    }
    raw[0] = type;
    ByteBuffer.wrap(raw, 1, 4).putInt(length);
    return Frame.typed(ByteBuffer.wrap(raw));
  }

  /**
   * Reads whole chunks while more than one chunk is still due; the rest, at most one chunk, goes
   * straight into the frame, which is allocated only then.
   */
  private byte[] readInChunks(int bodyLength) throws IOException {
    List<byte[]> chunks = new ArrayList<>();
    int arrived = 0;
    int chunkSize = EXACT_LIMIT;
    while (bodyLength - arrived > chunkSize) {
      byte[] chunk = new byte[chunkSize];
      in.readFully(chunk);
      chunks.add(chunk);
      arrived += chunkSize;
      chunkSize = Math.min(chunkSize * 2, MAX_CHUNK);
    }
    byte[] raw = new byte[HEADER + bodyLength];
    int offset = HEADER;
    for (byte[] chunk : chunks) {
      System.arraycopy(chunk, 0, raw, offset, chunk.length);
      offset += chunk.length;
    }
    in.readFully(raw, offset, bodyLength - arrived);
    return raw;
  }
}
