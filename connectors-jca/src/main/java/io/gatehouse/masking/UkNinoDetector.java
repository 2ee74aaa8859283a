package io.gatehouse.masking;

import static io.gatehouse.masking.Ascii.at;
import static io.gatehouse.masking.Ascii.isAlnum;
import static io.gatehouse.masking.Ascii.isDigit;
import static io.gatehouse.masking.Ascii.isUpper;

/**
 * UK National Insurance numbers: two prefix letters, six digits and a suffix A to D, e.g. {@code
 * AB123456C} or {@code AB 12 34 56 C}. Prefixes never issued (first letter D F I Q U V, second D F
 * I O Q U V, and BG GB KN NK NT TN ZZ) are excluded.
 */
final class UkNinoDetector implements Detector {
  private static final Prefilter PREFILTER = new Prefilter(TextProfile.UPPER, 0, 6, 0);
  private static final String BAD_FIRST = "DFIQUV";
  private static final String BAD_SECOND = "DFIOQUV";
  private static final String BAD_PREFIXES = "BG GB KN NK NT TN ZZ";

  @Override
  public DetectorKind kind() {
    return DetectorKind.UK_NINO;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    int i = 0;
    int last = text.length() - 9;
    while (i <= last) {
      int end = ninoEnd(text, i);
      if (end > 0) {
        sink.match(i, end);
        i = end;
      } else {
        i++;
      }
    }
  }

  private static int ninoEnd(CharSequence t, int i) {
    char a = t.charAt(i);
    char b = t.charAt(i + 1);
    if (!isUpper(a)
        || !isUpper(b)
        || isAlnum(at(t, i - 1))
        || BAD_FIRST.indexOf(a) >= 0
        || BAD_SECOND.indexOf(b) >= 0
        || BAD_PREFIXES.contains("" + a + b)) {
      return -1;
    }
    int j = i + 2;
    for (int pair = 0; pair < 3; pair++) {
      if (at(t, j) == ' ') {
        j++;
      }
      if (!isDigit(at(t, j)) || !isDigit(at(t, j + 1))) {
        return -1;
      }
      j += 2;
    }
    if (at(t, j) == ' ') {
      j++;
    }
    char suffix = at(t, j);
    if (suffix < 'A' || suffix > 'D' || isAlnum(at(t, j + 1))) {
      return -1;
    }
    return j + 1;
  }
}
