package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads protocol primitives from one message body, range-checking every read. All failures are
 * {@link WireFormatException}s naming the message, never payload bytes.
 */
public final class WireReader {
  private final ByteBuffer buf;
  private final String messageName;

  /** Reads {@code body} from its position to its limit; the caller's buffer is not moved. */
  public WireReader(ByteBuffer body, String messageName) {
    this.buf = body.slice();
    this.messageName = messageName;
  }

  public int remaining() {
    return buf.remaining();
  }

  public byte int8() throws WireFormatException {
    need(1);
    return buf.get();
  }

  public short int16() throws WireFormatException {
    need(2);
    return buf.getShort();
  }

  /** An Int16 count, which PostgreSQL reads unsigned (0..65535). */
  public int count16() throws WireFormatException {
    return int16() & 0xffff;
  }

  public int int32() throws WireFormatException {
    need(4);
    return buf.getInt();
  }

  /** A NUL-terminated UTF-8 string. */
  public String cstring() throws WireFormatException {
    int start = buf.position();
    for (int i = start; i < buf.limit(); i++) {
      if (buf.get(i) == 0) {
        String s = utf8(buf.slice(start, i - start));
        buf.position(i + 1);
        return s;
      }
    }
    throw error("missing string terminator");
  }

  /** The next {@code n} bytes as a read-only slice sharing the caller's memory. */
  public ByteBuffer slice(int n) throws WireFormatException {
    if (n < 0) {
      throw error("negative length " + n);
    }
    need(n);
    ByteBuffer s = buf.slice(buf.position(), n).asReadOnlyBuffer();
    buf.position(buf.position() + n);
    return s;
  }

  /** The rest of the body as a read-only slice. */
  public ByteBuffer rest() {
    ByteBuffer s = buf.slice().asReadOnlyBuffer();
    buf.position(buf.limit());
    return s;
  }

  /** Fails unless the body has been consumed exactly. */
  public void end() throws WireFormatException {
    if (buf.hasRemaining()) {
      throw error(buf.remaining() + " unexpected trailing bytes");
    }
  }

  public WireFormatException error(String what) {
    return new WireFormatException("invalid " + messageName + " message: " + what);
  }

  private void need(int n) throws WireFormatException {
    if (buf.remaining() < n) {
      throw error("truncated");
    }
  }

  private String utf8(ByteBuffer bytes) throws WireFormatException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw error("string is not valid UTF-8");
    }
  }
}
