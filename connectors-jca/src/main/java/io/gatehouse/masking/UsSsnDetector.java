package io.gatehouse.masking;

import static io.gatehouse.masking.Ascii.at;
import static io.gatehouse.masking.Ascii.isAlnum;
import static io.gatehouse.masking.Ascii.isDigit;

/**
 * US social security numbers written {@code NNN-NN-NNNN}, excluding numbers never issued: area 000,
 * 666 or 9xx, group 00, serial 0000.
 */
final class UsSsnDetector implements Detector {
  private static final Prefilter PREFILTER = new Prefilter(TextProfile.DASH, 0, 0, 9);
  private static final int LENGTH = 11;
  private static final int[] DIGIT_OFFSETS = {0, 1, 2, 4, 5, 7, 8, 9, 10};

  @Override
  public DetectorKind kind() {
    return DetectorKind.US_SSN;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    int dash = Ascii.indexOf(text, '-', 3);
    while (dash >= 0) {
      int start = dash - 3;
      if (isSsnAt(text, start)) {
        sink.match(start, start + LENGTH);
        dash = Ascii.indexOf(text, '-', start + LENGTH + 3);
      } else {
        dash = Ascii.indexOf(text, '-', dash + 1);
      }
    }
  }

  private static boolean isSsnAt(CharSequence t, int s) {
    if (s + LENGTH > t.length() || t.charAt(s + 3) != '-' || t.charAt(s + 6) != '-') {
      return false;
    }
    for (int k : DIGIT_OFFSETS) {
      if (!isDigit(t.charAt(s + k))) {
        return false;
      }
    }
    char before = at(t, s - 1);
    char after = at(t, s + LENGTH);
    if (isAlnum(before) || before == '-' || isAlnum(after) || after == '-') {
      return false;
    }
    int area = number(t, s, 3);
    return area != 0
        && area != 666
        && area < 900
        && number(t, s + 4, 2) != 0
        && number(t, s + 7, 4) != 0;
  }

  private static int number(CharSequence t, int start, int digits) {
    int value = 0;
    for (int k = 0; k < digits; k++) {
      value = value * 10 + (t.charAt(start + k) - '0');
    }
    return value;
  }
}
