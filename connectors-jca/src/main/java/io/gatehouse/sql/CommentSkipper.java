package io.gatehouse.sql;

/** Whitespace and comments between tokens: {@code --} to end of line and nested block comments. */
final class CommentSkipper {
  private CommentSkipper() {}

  /**
   * The offset of the next token at or after {@code pos}, or {@code -(start + 1)} when a block
   * comment starting at {@code start} is never closed.
   */
  static int skipWhitespaceAndComments(String sql, int pos) {
    int i = pos;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (isWhitespace(c)) {
        i++;
      } else if (c == '-' && at(sql, i + 1) == '-') {
        i = lineEnd(sql, i);
      } else if (c == '/' && at(sql, i + 1) == '*') {
        int end = blockCommentEnd(sql, i);
        if (end < 0) {
          return -(i + 1);
        }
        i = end;
      } else {
        return i;
      }
    }
    return i;
  }

  static boolean startsComment(String sql, int i) {
    char c = sql.charAt(i);
    char next = at(sql, i + 1);
    return (c == '-' && next == '-') || (c == '/' && next == '*');
  }

  /**
   * After a closing quote at {@code pos - 1}: if only whitespace with at least one newline (and
   * {@code --} comments after it) separates it from another quote, the constant continues there;
   * returns that quote's offset, otherwise -1.
   */
  static int stringContinuation(String sql, int pos) {
    int i = pos;
    boolean newline = false;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\n' || c == '\r') {
        newline = true;
        i++;
      } else if (isWhitespace(c)) {
        i++;
      } else if (newline && c == '-' && at(sql, i + 1) == '-') {
        i = lineEnd(sql, i);
      } else {
        return newline && c == '\'' ? i : -1;
      }
    }
    return -1;
  }

  private static int lineEnd(String sql, int i) {
    int end = i;
    while (end < sql.length() && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
      end++;
    }
    return end;
  }

  /** Block comments nest in PostgreSQL: every {@code /*} needs its own close. */
  private static int blockCommentEnd(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length() - 1) {
      char c = sql.charAt(i);
      char next = sql.charAt(i + 1);
      if (c == '/' && next == '*') {
        depth++;
        i += 2;
      } else if (c == '*' && next == '/') {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  private static char at(String sql, int i) {
    return i < sql.length() ? sql.charAt(i) : '\0';
  }
}
