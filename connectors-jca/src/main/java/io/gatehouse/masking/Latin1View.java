package io.gatehouse.masking;

import java.nio.charset.StandardCharsets;

/**
 * A zero-copy {@link CharSequence} over bytes, one char per byte. The detectors only match ASCII,
 * so they can scan UTF-8 this way without decoding; char indexes are byte offsets.
 */
final class Latin1View implements CharSequence {
  private byte[] bytes;
  private int offset;
  private int length;

  Latin1View() {
    this(new byte[0], 0, 0);
  }

  Latin1View(byte[] bytes, int offset, int length) {
    reset(bytes, offset, length);
  }

  Latin1View reset(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
    return this;
  }

  /** The viewed array: char {@code i} is {@code bytes()[offset() + i]}. For byte-level scans. */
  byte[] bytes() {
    return bytes;
  }

  int offset() {
    return offset;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(index);
    }
    return (char) (bytes[offset + index] & 0xFF);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(bytes, offset + start, end - start, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
  }
}
