package io.gatehouse.sql;

/** Numeric constants: 42, 4.2, .5, 1e-3, 1_000, 0x1F, 0o17, 0b101. */
final class NumberScanner {
  private NumberScanner() {}

  /** The end of the numeric constant starting at {@code start}. */
  static int end(String sql, int start) {
    if (sql.charAt(start) == '0' && isRadixPrefix(at(sql, start + 1))) {
      int i = start + 2;
      while (Character.isLetterOrDigit(at(sql, i)) || at(sql, i) == '_') {
        i++;
      }
      return i;
    }
    int i = digits(sql, start);
    if (at(sql, i) == '.' && at(sql, i + 1) != '.') {
      i = digits(sql, i + 1);
    }
    char e = at(sql, i);
    if (e == 'e' || e == 'E') {
      int exponent = i + 1;
      if (at(sql, exponent) == '+' || at(sql, exponent) == '-') {
        exponent++;
      }
      if (SqlLexer.isDigit(at(sql, exponent))) {
        i = digits(sql, exponent);
      }
    }
    return i;
  }

  private static int digits(String sql, int from) {
    int i = from;
    while (SqlLexer.isDigit(at(sql, i))
        || (at(sql, i) == '_' && SqlLexer.isDigit(at(sql, i + 1)))) {
      i++;
    }
    return i;
  }

  private static boolean isRadixPrefix(char c) {
    return c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B';
  }

  private static char at(String sql, int i) {
    return i < sql.length() ? sql.charAt(i) : '\0';
  }
}
