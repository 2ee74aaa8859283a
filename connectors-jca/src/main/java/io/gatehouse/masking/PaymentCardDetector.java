package io.gatehouse.masking;

import static io.gatehouse.masking.Ascii.at;
import static io.gatehouse.masking.Ascii.isAlnum;
import static io.gatehouse.masking.Ascii.isDigit;

/**
 * Payment card numbers: 13 to 19 digits, optionally in groups joined by single spaces or dashes,
 * Luhn-checked. A run of digit groups is tried at every group boundary and the longest valid card
 * wins; a contiguous group of more than 19 digits is never part of a card, and a run glued to a
 * letter or digit is not a card.
 */
final class PaymentCardDetector implements Detector {
  private static final int MIN_DIGITS = 13;
  private static final int MAX_DIGITS = 19;
  private static final Prefilter PREFILTER = new Prefilter(0, 0, 0, MIN_DIGITS);

  @Override
  public DetectorKind kind() {
    return DetectorKind.PAYMENT_CARD;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int runEnd = runEnd(text, i);
      int start = isAlnum(at(text, i - 1)) ? groupEnd(text, i) + 1 : i;
      int end = isAlnum(at(text, runEnd)) ? lastGroupStart(text, runEnd) - 1 : runEnd;
      if (start < end) {
        matchRun(text, start, end, sink);
      }
      i = runEnd;
    }
  }

  private static int groupEnd(CharSequence text, int start) {
    int j = start;
    while (isDigit(at(text, j))) {
      j++;
    }
    return j;
  }

  private static int lastGroupStart(CharSequence text, int end) {
    int j = end;
    while (isDigit(at(text, j - 1))) {
      j--;
    }
    return j;
  }

  /** End of the digit groups starting at {@code start}, joined by single separators. */
  private static int runEnd(CharSequence text, int start) {
    int j = start;
    while (true) {
      while (j < text.length() && isDigit(text.charAt(j))) {
        j++;
      }
      char sep = at(text, j);
      if ((sep == ' ' || sep == '-') && isDigit(at(text, j + 1))) {
        j++;
      } else {
        return j;
      }
    }
  }

  private static void matchRun(CharSequence text, int start, int end, MatchSink sink) {
    int groupStart = start;
    while (groupStart < end) {
      int best = -1;
      int digits = 0;
      int j = groupStart;
      while (j < end) {
        int groupEnd = j;
        while (groupEnd < end && isDigit(text.charAt(groupEnd))) {
          groupEnd++;
        }
        digits += groupEnd - j;
        if (digits > MAX_DIGITS) {
          break;
        }
        if (digits >= MIN_DIGITS && luhn(text, groupStart, groupEnd)) {
          best = groupEnd;
        }
        j = groupEnd + 1;
      }
      if (best > 0) {
        sink.match(groupStart, best);
        groupStart = best + 1;
      } else {
        while (groupStart < end && isDigit(text.charAt(groupStart))) {
          groupStart++;
        }
        groupStart++;
      }
    }
  }

  static boolean luhn(CharSequence text, int start, int end) {
    int sum = 0;
    boolean doubled = false;
    for (int k = end - 1; k >= start; k--) {
      char c = text.charAt(k);
      if (!isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
