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
    int bits = 0;
    long digits = 0;
    for (int i = off, end = off + len; i < end; i++) {
      int c = utf8[i];
      if (c < 0) {
        bits |= NON_ASCII;
      } else {
        int cls = CLASSES[c];
        bits |= cls;
        digits += cls & DIGIT;
      }
    }
    return (digits << 32) | bits;
  }

  static long of(CharSequence text) {
    int bits = 0;
    long digits = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= 128) {
        bits |= NON_ASCII;
      } else {
        int cls = CLASSES[c];
        bits |= cls;
        digits += cls & DIGIT;
      }
    }
    return (digits << 32) | bits;
  }

  static int digits(long profile) {
    return (int) (profile >>> 32);
  }

  /** True when every class in {@code classes} occurs. */
  static boolean hasAll(long profile, int classes) {
    return ((int) profile & classes) == classes;
  }

  /** True when at least one class in {@code classes} occurs. */
  static boolean hasAny(long profile, int classes) {
    return ((int) profile & classes) != 0;
  }
}
