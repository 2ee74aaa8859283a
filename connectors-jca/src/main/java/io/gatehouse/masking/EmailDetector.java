package io.gatehouse.masking;

import static io.gatehouse.masking.Ascii.at;
import static io.gatehouse.masking.Ascii.isAlnum;
import static io.gatehouse.masking.Ascii.isLetter;

/**
 * E-mail addresses: an ASCII local part, {@code @}, and a dotted domain whose last label is at
 * least two letters. Internationalised addresses are not recognised.
 */
final class EmailDetector implements Detector {
  private static final Prefilter PREFILTER =
      new Prefilter(TextProfile.AT | TextProfile.DOT, 0, 0, 0);

  @Override
  public DetectorKind kind() {
    return DetectorKind.EMAIL;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    int from = 0;
    int at;
    while ((at = Ascii.indexOf(text, '@', from)) >= 0) {
      from = at + 1;
      int start = at;
      while (isLocal(at(text, start - 1))) {
        start--;
      }
      while (start < at && text.charAt(start) == '.') {
        start++;
      }
      if (start == at) {
        continue;
      }
      int end = domainEnd(text, at + 1);
      if (end > 0) {
        sink.match(start, end);
        from = end;
      }
    }
  }

  /** End of a domain starting at {@code start} whose last label is a TLD, or -1. */
  private static int domainEnd(CharSequence text, int start) {
    int j = start;
    int lastDot = -1;
    while (j < text.length()) {
      char c = text.charAt(j);
      if (isAlnum(c) || (c == '-' && j > start)) {
        j++;
      } else if (c == '.' && j > start && at(text, j - 1) != '.' && isAlnum(at(text, j + 1))) {
        lastDot = j++;
      } else {
        break;
      }
    }
    if (lastDot < 0 || j - lastDot - 1 < 2) {
      return -1;
    }
    for (int k = lastDot + 1; k < j; k++) {
      if (!isLetter(text.charAt(k))) {
        return -1;
      }
    }
    return j;
  }

  private static boolean isLocal(char c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }
}
