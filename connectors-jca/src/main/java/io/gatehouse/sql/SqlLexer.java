package io.gatehouse.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits SQL text into tokens the way the PostgreSQL server's scanner does (scan.l), with
 * standard_conforming_strings on. It is iterative, so no input can exhaust the stack, and it never
 * guesses: input that ends inside a string, quoted identifier, comment or dollar quote stops the
 * token list and is reported as unterminated.
 */
final class SqlLexer {
  private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";
  private static final String OPERATOR_CHARS_ALLOWING_TRAILING_SIGN = "~!@#%^&|`?";
  private static final String PUNCTUATION_CHARS = "()[],;.:";
  private static final String LITERAL = "?";

  private final String sql;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private SqlLexer(String sql) {
    this.sql = sql;
  }

  static LexedSql lex(String sql) {
    return new SqlLexer(sql).run();
  }

  private LexedSql run() {
    while (true) {
      pos = CommentSkipper.skipWhitespaceAndComments(sql, pos);
      if (pos < 0) {
        return new LexedSql(sql, Collections.unmodifiableList(tokens), -pos - 1);
      }
      if (pos >= sql.length()) {
        return new LexedSql(sql, Collections.unmodifiableList(tokens), -1);
      }
      int start = pos;
      int end = next();
      if (end < 0) {
        return new LexedSql(sql, Collections.unmodifiableList(tokens), start);
      }
      pos = end;
    }
  }

  /** Scans the token at {@code pos}; returns its end, or -1 if it is unterminated. */
  private int next() {
    char c = sql.charAt(pos);
    if (c == '\'') {
      return string(pos, pos, false);
    }
    if (c == '"') {
      return quotedIdentifier(pos, pos);
    }
    if (c == '$') {
      return dollar();
    }
    if (isDigit(c) || (c == '.' && isDigit(charAt(pos + 1)))) {
      return add(TokenType.NUMBER, LITERAL, pos, NumberScanner.end(sql, pos));
    }
    if (isIdentifierStart(c)) {
      return wordOrPrefixedLiteral(c);
    }
    if (c == ':' && charAt(pos + 1) == ':') {
      return add(TokenType.PUNCTUATION, "::", pos, pos + 2);
    }
    if (PUNCTUATION_CHARS.indexOf(c) >= 0) {
      return add(TokenType.PUNCTUATION, String.valueOf(c), pos, pos + 1);
    }
    if (OPERATOR_CHARS.indexOf(c) >= 0) {
      return operator();
    }
    // Anything else is a syntax error for the server; keep it visible as its own token.
    return add(TokenType.PUNCTUATION, String.valueOf(c), pos, pos + 1);
  }

  private int wordOrPrefixedLiteral(char c) {
    char next = charAt(pos + 1);
    char lower = Character.toLowerCase(c);
    if (next == '\'' && (lower == 'e')) {
      return string(pos, pos + 1, true);
    }
    if (next == '\'' && (lower == 'b' || lower == 'x' || lower == 'n')) {
      return string(pos, pos + 1, false);
    }
    if (lower == 'u' && next == '&' && charAt(pos + 2) == '\'') {
      return string(pos, pos + 2, false);
    }
    if (lower == 'u' && next == '&' && charAt(pos + 2) == '"') {
      return quotedIdentifier(pos, pos + 2);
    }
    int end = pos + 1;
    while (end < sql.length() && isIdentifierPart(sql.charAt(end))) {
      end++;
    }
    return add(TokenType.WORD, asciiLowerCase(sql, pos, end), pos, end);
  }

  /**
   * A quoted string from {@code quote}; with {@code backslashEscapes} (E'') a backslash escapes the
   * next character. Strings separated only by whitespace containing a newline are one constant and
   * the continuation keeps the escape mode, as in the server.
   */
  private int string(int start, int quote, boolean backslashEscapes) {
    int i = quote + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == '\'' && charAt(i + 1) == '\'') {
        i += 2;
      } else if (c == '\'') {
        int continuation = CommentSkipper.stringContinuation(sql, i + 1);
        if (continuation < 0) {
          return add(TokenType.STRING, LITERAL, start, i + 1);
        }
        i = continuation + 1;
      } else {
        i++;
      }
    }
    return -1;
  }

  private int quotedIdentifier(int start, int quote) {
    int i = quote + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == '"') {
        if (charAt(i + 1) != '"') {
          return start == quote
              ? add(TokenType.QUOTED_IDENTIFIER, sql.substring(quote, i + 1), start, i + 1)
              : unicodeIdentifier(start, quote, i + 1);
        }
        i++;
      }
      i++;
    }
    return -1;
  }

  /** U&"…" [UESCAPE 'c'] becomes the plain quoted identifier it names. */
  private int unicodeIdentifier(int start, int quote, int end) {
    String body = sql.substring(quote + 1, end - 1).replace("\"\"", "\"");
    int clauseEnd = UnicodeIdentifier.uescapeEnd(sql, end);
    char escape = UnicodeIdentifier.escapeCharacter(sql, end, clauseEnd);
    String name = UnicodeIdentifier.decode(body, escape);
    String canonical = "\"" + name.replace("\"", "\"\"") + "\"";
    return add(TokenType.QUOTED_IDENTIFIER, canonical, start, clauseEnd);
  }

  /** {@code $1} is a parameter; {@code $tag$} or {@code $$} opens a dollar quote. */
  private int dollar() {
    int i = pos + 1;
    if (isDigit(charAt(i))) {
      while (isDigit(charAt(i))) {
        i++;
      }
      return add(TokenType.PARAMETER, sql.substring(pos, i), pos, i);
    }
    if (isIdentifierStart(charAt(i))) {
      while (isIdentifierStart(charAt(i)) || isDigit(charAt(i))) {
        i++;
      }
    }
    if (charAt(i) != '$') {
      return add(TokenType.PUNCTUATION, "$", pos, pos + 1);
    }
    String delimiter = sql.substring(pos, i + 1);
    int close = sql.indexOf(delimiter, i + 1);
    if (close < 0) {
      return -1;
    }
    return add(TokenType.STRING, LITERAL, pos, close + delimiter.length());
  }

  private int operator() {
    int end = pos;
    while (end < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(end)) >= 0) {
      if (end > pos && CommentSkipper.startsComment(sql, end)) {
        break;
      }
      end++;
    }
    end = trimTrailingSigns(end);
    return add(TokenType.OPERATOR, sql.substring(pos, end), pos, end);
  }

  /**
   * The server's rule: "=-" is "=" then "-" unless the operator has a character from ~!@#%^&|`?.
   */
  private int trimTrailingSigns(int end) {
    if (end - pos < 2 || (sql.charAt(end - 1) != '+' && sql.charAt(end - 1) != '-')) {
      return end;
    }
    for (int i = pos; i < end - 1; i++) {
      if (OPERATOR_CHARS_ALLOWING_TRAILING_SIGN.indexOf(sql.charAt(i)) >= 0) {
        return end;
      }
    }
    do {
      end--;
    } while (end - pos > 1 && (sql.charAt(end - 1) == '+' || sql.charAt(end - 1) == '-'));
    return end;
  }

  private int add(TokenType type, String text, int start, int end) {
    tokens.add(new Token(type, text, start, end));
    return end;
  }

  private char charAt(int i) {
    return i < sql.length() ? sql.charAt(i) : '\0';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
  }

  static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c) || c == '$';
  }

  /** Only ASCII letters fold, as in the server's downcase_identifier for multibyte encodings. */
  static String asciiLowerCase(String s, int from, int to) {
    char[] chars = new char[to - from];
    for (int i = 0; i < chars.length; i++) {
      char c = s.charAt(from + i);
      chars[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return new String(chars);
  }
}
