package io.gatehouse.masking;

/**
 * The pre-filter: one pass over a value records which character classes occur and how many digits,
 * packed in a {@code long} (digit count in the high half, class bits in the low half). Each
 * detector says which profiles it {@linkplain Detector#admits(long) admits}, so most values are
 * rejected without running any detector.
 */
final class TextProfile {
  static final int DIGIT = 1;
  static final int AT = 1 << 1;
  static final int DASH = 1 << 2;

  /** {@code =} or {@code :}. */
  static final int ASSIGN = 1 << 3;

  static final int UPPER = 1 << 4;
  static final int DOT = 1 << 5;
  static final int PLUS = 1 << 6;
  static final int PAREN = 1 << 7;
  static final int SPACE = 1 << 8;
  static final int NON_ASCII = 1 << 9;

  private static final int MAX_RUN = 0xFFFF;
  private static final int[] CLASSES = new int[128];

  static {
    for (int c = '0'; c <= '9'; c++) {
      CLASSES[c] = DIGIT;
    }
    for (int c = 'A'; c <= 'Z'; c++) {
      CLASSES[c] = UPPER;
    }
    CLASSES['@'] = AT;
    CLASSES['-'] = DASH;
    CLASSES['='] = ASSIGN;
    CLASSES[':'] = ASSIGN;
    CLASSES['.'] = DOT;
    CLASSES['+'] = PLUS;
    CLASSES['('] = PAREN;
    CLASSES[' '] = SPACE;
  }

  private TextProfile() {}

  static long of(byte[] utf8, int off, int len) {
    Counter counter = new Counter();
    for (int i = off, end = off + len; i < end; i++) {
      counter.add(utf8[i] & 0xFF);
    }
    return counter.profile();
  }

  /**
   * False only when {@code utf8[off, off + len)} has no run (as {@link #longestRun}) of {@code
   * minRun} digits; true when it may have one. Reads few bytes: such a run spans at least {@code
   * minRun} bytes, all digits, spaces or dashes, so it covers one of every {@code minRun}-th byte.
   * Only around a sampled byte of those kinds is the stretch of them read: it may hold the run when
   * it has at least {@code minRun} digits.
   */
  static boolean mayHaveRun(byte[] utf8, int off, int len, int minRun) {
    int end = off + len;
    int i = off + minRun - 1;
    while (i < end) {
      byte b = utf8[i];
      if (!runByte(b)) {
        i += minRun;
        continue;
      }
      int digits = isDigit(b) ? 1 : 0;
      if (digits >= minRun) {
        return true;
      }
      if (digits == 1 && i - off >= minRun - 1 && AsciiWords.allDigits(utf8, i - minRun + 1, i)) {
        return true; // the usual case of a value that is one long number, in two word tests
      }
      for (int from = i - 1; from >= off; from--) {
        byte c = utf8[from];
        if (isDigit(c)) {
          if (++digits >= minRun) {
            return true; // a value of digits: decided after minRun bytes
          }
        } else if (c != ' ' && c != '-') {
          break;
        }
      }
      int to = i + 1;
      for (; to < end; to++) {
        byte c = utf8[to];
        if (isDigit(c)) {
          if (++digits >= minRun) {
            return true;
          }
        } else if (c != ' ' && c != '-') {
          break;
        }
      }
      // The next sample at or after the stretch's end: runs never cross a byte of another kind.
      i += ((to - i + minRun - 1) / minRun) * minRun;
    }
    return false;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean runByte(byte b) {
    return isDigit(b) || b == ' ' || b == '-';
  }

  static long of(CharSequence text) {
    Counter counter = new Counter();
    for (int i = 0, n = text.length(); i < n; i++) {
      counter.add(text.charAt(i));
    }
    return counter.profile();
  }

  static int digits(long profile) {
    return (int) (profile >>> 32);
  }

  /** Digits in the longest run of digit groups joined by single spaces or dashes. */
  static int longestRun(long profile) {
    return (int) (profile >>> 16) & MAX_RUN;
  }

  /** True when every class in {@code classes} occurs. */
  static boolean hasAll(long profile, int classes) {
    return ((int) profile & classes) == classes;
  }

  /** True when at least one class in {@code classes} occurs. */
  static boolean hasAny(long profile, int classes) {
    return ((int) profile & classes) != 0;
  }

  /** Accumulates one profile; a local, so the JIT keeps it in registers. */
  private static final class Counter {
    private int bits;
    private long digits;
    private int run;
    private int longest;
    private int previous;

    void add(int c) {
      int cls = c < 128 ? CLASSES[c] : NON_ASCII;
      bits |= cls;
      if ((cls & DIGIT) != 0) {
        digits++;
        longest = Math.max(longest, ++run);
      } else if (!((c == ' ' || c == '-') && (CLASSES[previous] & DIGIT) != 0)) {
        run = 0;
      }
      previous = c < 128 ? c : 0;
    }

    long profile() {
      return (digits << 32) | ((long) Math.min(longest, MAX_RUN) << 16) | bits;
    }
  }
}
