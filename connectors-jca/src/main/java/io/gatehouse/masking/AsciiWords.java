package io.gatehouse.masking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-class tests eight bytes at a time (SWAR) for the masking hot paths: a DataRow value or a
 * terminal chunk is mostly checked for runs of digits and for ASCII, and a word-at-a-time test does
 * that in one load and a few arithmetic operations instead of eight compares and branches.
 *
 * <p>Lanes are little-endian, so a carry or borrow only moves from a lower address to a higher one.
 * In {@link #allDigits(long)} a lane that is a digit neither carries nor borrows, so the lowest
 * lane that is not a digit is computed exactly and sets its high bit: a word with any non-digit
 * always tests false, whatever the lanes above it hold.
 */
final class AsciiWords {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long ZEROS = 0x3030303030303030L; // '0' in every lane
  private static final long ABOVE_NINE = 0x4646464646464646L; // 0x80 - ('9' + 1) in every lane

  private AsciiWords() {}

  /** The eight bytes {@code b[at, at + 8)} as one little-endian word. */
  static long word(byte[] b, int at) {
    return (long) LONG.get(b, at);
  }

  /** True when all eight lanes of {@code w} are ASCII digits. */
  static boolean allDigits(long w) {
    return ((w + ABOVE_NINE | w - ZEROS) & HIGH_BITS) == 0;
  }

  /** True when every byte of {@code b[from, to)} is an ASCII digit (true when empty). */
  static boolean allDigits(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      if (!allDigits(word(b, i))) {
        return false;
      }
    }
    if (i < to && to - from >= 8) {
      return allDigits(word(b, to - 8)); // the tail, overlapping bytes already tested
    }
    for (; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The end of the digits starting at {@code from}: the first index, up to {@code to}, of another
   * byte.
   */
  static int digitsEnd(byte[] b, int from, int to) {
    int j = from;
    while (j + 8 <= to && allDigits(word(b, j))) {
      j += 8;
    }
    while (j < to && b[j] >= '0' && b[j] <= '9') {
      j++;
    }
    return j;
  }

  /** True when every byte of {@code b[from, to)} is ASCII (below 0x80). */
  static boolean isAscii(byte[] b, int from, int to) {
    int i = from;
    long any = 0;
    for (; i + 8 <= to; i += 8) {
      any |= word(b, i);
    }
    for (; i < to; i++) {
      any |= b[i];
    }
    return (any & HIGH_BITS) == 0;
  }
}
