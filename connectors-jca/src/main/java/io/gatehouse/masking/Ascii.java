package io.gatehouse.masking;

/**
 * ASCII character tests and literal searches over a {@link CharSequence}. Detectors only ever match
 * ASCII, which is what lets the byte paths scan UTF-8 through a Latin-1 view without decoding: no
 * match can start or end inside a multi-byte character.
 */
final class Ascii {
  private Ascii() {}

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean isUpper(int c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean isLetter(int c) {
    return isUpper(c) || (c >= 'a' && c <= 'z');
  }

  static boolean isAlnum(int c) {
    return isDigit(c) || isLetter(c);
  }

  static boolean isUpperAlnum(int c) {
    return isDigit(c) || isUpper(c);
  }

  static boolean isBase64Url(int c) {
    return isAlnum(c) || c == '-' || c == '_';
  }

  static boolean isBase64(int c) {
    return isAlnum(c) || c == '+' || c == '/' || c == '=';
  }

  static int toLower(int c) {
    return isUpper(c) ? c + ('a' - 'A') : c;
  }

  /** The char at {@code i}, or 0 outside the text, so boundary checks need no range tests. */
  static char at(CharSequence text, int i) {
    return i >= 0 && i < text.length() ? text.charAt(i) : 0;
  }

  static boolean startsWith(CharSequence text, int at, String literal) {
    if (at < 0 || at + literal.length() > text.length()) {
      return false;
    }
    for (int k = 0; k < literal.length(); k++) {
      if (text.charAt(at + k) != literal.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(CharSequence text, char c, int from) {
    for (int i = Math.max(from, 0); i < text.length(); i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  static int indexOf(CharSequence text, String literal, int from) {
    char first = literal.charAt(0);
    int last = text.length() - literal.length();
    for (int i = Math.max(from, 0); i <= last; i++) {
      if (text.charAt(i) == first && startsWith(text, i, literal)) {
        return i;
      }
    }
    return -1;
  }
}
