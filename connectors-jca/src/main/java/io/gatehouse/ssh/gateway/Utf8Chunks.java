package io.gatehouse.ssh.gateway;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a byte stream chunk by chunk into text for the recording: a character split between
 * chunks is carried over to the next one, bytes that are not UTF-8 become U+FFFD. Not thread-safe.
 */
final class Utf8Chunks {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private byte[] carry = new byte[0];

  String decode(byte[] bytes, int off, int len) {
    ByteBuffer in = ByteBuffer.allocate(carry.length + len);
    in.put(carry).put(bytes, off, len).flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, out, false);
    carry = new byte[in.remaining()];
    in.get(carry);
    return out.flip().toString();
  }
}
