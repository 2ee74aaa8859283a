package io.gatehouse.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time tests must agree with the byte-at-a-time ones on every input. */
class AsciiWordsTest {

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }

  @Test
  void everyByteValueInEveryLaneIsClassifiedAsOneByOne() {
    Random random = new Random(7);
    byte[] word = new byte[8];
    for (int lane = 0; lane < 8; lane++) {
      for (int v = 0; v < 256; v++) {
        for (int trial = 0; trial < 4; trial++) {
          // the other lanes: digits (the lane under test decides) or anything (carries, borrows)
          for (int k = 0; k < 8; k++) {
            word[k] = trial < 2 ? (byte) ('0' + random.nextInt(10)) : (byte) random.nextInt(256);
          }
          word[lane] = (byte) v;
          boolean expected = true;
          boolean ascii = true;
          for (byte b : word) {
            expected &= digit(b);
            ascii &= b >= 0;
          }
          String what = "lane " + lane + " value " + v + " trial " + trial;
          assertEquals(expected, AsciiWords.allDigits(AsciiWords.word(word, 0)), what);
          assertEquals(expected, AsciiWords.allDigits(word, 0, 8), what);
          assertEquals(ascii, AsciiWords.isAscii(word, 0, 8), what);
        }
      }
    }
  }

  @Test
  void rangesAgreeWithAByteLoopAtEveryOffsetAndLength() {
    Random random = new Random(20261204);
    byte[] alphabet = {'0', '1', '5', '9', '/', ':', ' ', 'a', (byte) 0xC3, (byte) 0x80, 0};
    for (int i = 0; i < 50_000; i++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int k = 0; k < b.length; k++) {
        // mostly digits, so long all-digit ranges occur
        b[k] =
            random.nextInt(6) > 0
                ? (byte) ('0' + random.nextInt(10))
                : alphabet[random.nextInt(alphabet.length)];
      }
      int from = random.nextInt(b.length + 1);
      int to = from + random.nextInt(b.length - from + 1);
      boolean digits = true;
      boolean ascii = true;
      int end = from;
      boolean inRun = true;
      for (int k = from; k < to; k++) {
        digits &= digit(b[k]);
        ascii &= b[k] >= 0;
        inRun &= digit(b[k]);
        end += inRun ? 1 : 0;
      }
      String what = java.util.Arrays.toString(b) + " [" + from + ", " + to + ")";
      assertEquals(digits, AsciiWords.allDigits(b, from, to), what);
      assertEquals(ascii, AsciiWords.isAscii(b, from, to), what);
      assertEquals(end, AsciiWords.digitsEnd(b, from, to), what);
    }
  }
}
