package io.gatehouse.masking;

/**
 * Payment card numbers: 13 to 19 digits, optionally in groups joined by single spaces or dashes,
 * Luhn-checked. A run of digit groups is tried at every group boundary and the longest valid card
 * wins; a contiguous group of more than 19 digits is never part of a card, and a run glued to a
 * letter or digit is not a card.
 *
 * <p>Works on bytes: a {@link Latin1View} (a DataRow value, terminal output) is scanned where it
 * lies; any other text is first copied one byte per char, a char above Latin-1 becoming a byte that
 * is neither a digit, a letter nor a separator, so the matches are the same.
 */
final class PaymentCardDetector implements Detector {
  private static final int MIN_DIGITS = 13;
  private static final int MAX_DIGITS = 19;
  private static final Prefilter PREFILTER = new Prefilter(0, 0, 0, MIN_DIGITS);
  private static final byte NOT_ASCII = (byte) 0xFF;

  /** A digit's contribution to the Luhn sum when doubled: 2d, less 9 when that is above 9. */
  private static final int[] DOUBLED = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

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
    if (text instanceof Latin1View view) {
      find(view.bytes(), view.offset(), view.length(), sink);
      return;
    }
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < bytes.length; i++) {
      char c = text.charAt(i);
      bytes[i] = c < 0x80 ? (byte) c : NOT_ASCII;
    }
    find(bytes, 0, bytes.length, sink);
  }

  /** Matches in {@code b[off, off + len)}, reported relative to {@code off}. */
  private static void find(byte[] b, int off, int len, MatchSink sink) {
    int n = off + len;
    int i = off;
    while (i < n) {
      if (!isDigit(b[i])) {
        i++;
        continue;
      }
      int runEnd = runEnd(b, i, n);
      int start = i > off && isAlnum(b[i - 1]) ? groupEnd(b, i, n) + 1 : i;
      int end = runEnd < n && isAlnum(b[runEnd]) ? lastGroupStart(b, runEnd, off) - 1 : runEnd;
      if (start < end) {
        matchRun(b, start, end, off, sink);
      }
      i = runEnd;
    }
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(byte c) {
    return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static int groupEnd(byte[] b, int start, int n) {
    return AsciiWords.digitsEnd(b, start, n);
  }

  private static int lastGroupStart(byte[] b, int end, int off) {
    int j = end;
    while (j > off && isDigit(b[j - 1])) {
      j--;
    }
    return j;
  }

  /** End of the digit groups starting at {@code start}, joined by single separators. */
  private static int runEnd(byte[] b, int start, int n) {
    int j = start;
    while (true) {
      j = groupEnd(b, j, n);
      if (j + 1 < n && (b[j] == ' ' || b[j] == '-') && isDigit(b[j + 1])) {
        j++;
      } else {
        return j;
      }
    }
  }

  private static void matchRun(byte[] b, int start, int end, int off, MatchSink sink) {
    int groupStart = start;
    while (groupStart < end) {
      int best = -1;
      int digits = 0;
      int j = groupStart;
      while (j < end) {
        int groupEnd = groupEnd(b, j, end);
        digits += groupEnd - j;
        if (digits > MAX_DIGITS) {
          break;
        }
        if (digits >= MIN_DIGITS
            && (digits == groupEnd - groupStart
                ? luhnDigits(b, groupStart, groupEnd)
                : luhn(b, groupStart, groupEnd))) {
          best = groupEnd;
        }
        j = groupEnd + 1;
      }
      if (best > 0) {
        sink.match(groupStart - off, best - off);
        groupStart = best + 1;
      } else {
        groupStart = groupEnd(b, groupStart, end) + 1;
      }
    }
  }

  /** Luhn over {@code b[start, end)} when every byte there is a digit: no separator to skip. */
  private static boolean luhnDigits(byte[] b, int start, int end) {
    int sum = 0;
    for (int k = end - 1; k >= start; k -= 2) {
      sum += b[k] - '0';
    }
    for (int k = end - 2; k >= start; k -= 2) {
      sum += DOUBLED[b[k] - '0'];
    }
    return sum % 10 == 0;
  }

  private static boolean luhn(byte[] b, int start, int end) {
    int sum = 0;
    boolean doubled = false;
    for (int k = end - 1; k >= start; k--) {
      int d = b[k] - '0';
      if (d < 0 || d > 9) {
        continue;
      }
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
