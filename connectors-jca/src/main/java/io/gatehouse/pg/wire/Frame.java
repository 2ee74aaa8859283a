package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;

/**
 * One complete message as it came off the wire. {@link #raw()} is the whole frame (type byte if
 * any, length, body) for relaying untouched; {@link #body()} is what the parsers read. Both share
 * the decoder input's memory: {@link #copy()} before reusing that buffer.
 */
public final class Frame {
  /** Type placeholder of untyped startup-phase packets. */
  public static final byte UNTYPED = 0;

  private final boolean typed;
  private final byte type;
  private final ByteBuffer raw;

  private Frame(boolean typed, byte type, ByteBuffer raw) {
    this.typed = typed;
    this.type = type;
    this.raw = raw;
  }

  /** A typed frame over {@code raw} (type, Int32 length, body), positioned at 0. */
  public static Frame typed(ByteBuffer raw) {
    return new Frame(true, raw.get(0), raw);
  }

  /** An untyped startup packet over {@code raw} (Int32 length, body). */
  public static Frame untyped(ByteBuffer raw) {
    return new Frame(false, UNTYPED, raw);
  }

  /** Wraps a complete encoded typed frame, e.g. from an encoder. */
  public static Frame ofTyped(byte[] frame) {
    return typed(ByteBuffer.wrap(frame));
  }

  public boolean isTyped() {
    return typed;
  }

  public byte type() {
    return type;
  }

  /** Frame length as the length field says it (includes the 4 length bytes, not the type). */
  public int length() {
    return raw.remaining() - (typed ? 1 : 0);
  }

  /** The body as a read-only slice. */
  public ByteBuffer body() {
    int header = typed ? 5 : 4;
    return raw.slice(raw.position() + header, raw.remaining() - header).asReadOnlyBuffer();
  }

  /** The whole frame as a read-only slice, for relaying as is. */
  public ByteBuffer raw() {
    return raw.slice().asReadOnlyBuffer();
  }

  /**
   * The whole frame itself, array-backed when decoded from a heap buffer, for this package's hot
   * paths: absolute reads only, never written.
   */
  ByteBuffer buffer() {
    return raw;
  }

  /** Writes the whole frame to {@code out} without copying it first (the relay hot path). */
  public void writeTo(java.io.OutputStream out) throws java.io.IOException {
    if (raw.hasArray()) {
      out.write(raw.array(), raw.arrayOffset() + raw.position(), raw.remaining());
    } else {
      byte[] copy = new byte[raw.remaining()];
      raw.duplicate().get(copy);
      out.write(copy);
    }
  }

  /** A frame backed by its own heap copy. */
  public Frame copy() {
    ByteBuffer c = ByteBuffer.allocate(raw.remaining());
    c.put(raw.duplicate()).flip();
    return new Frame(typed, type, c);
  }

  @Override
  public String toString() {
    return (typed ? "'" + (char) (type & 0xff) + "'" : "startup") + "(len=" + length() + ")";
  }
}
