package io.gatehouse.web.admin;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a held statement or command into pieces a page colours: keywords, quoted strings, numbers,
 * comments and the rest, in order and losslessly (the pieces joined are exactly the input). The
 * page writes each piece as escaped text, so nothing in a statement can become markup.
 */
public final class Highlight {

  /**
   * One piece: its text and kind ({@code kw}, {@code str}, {@code num}, {@code cmt}, {@code txt}).
   */
  public record Piece(String text, String kind) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private static final Set<String> KEYWORDS =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "INSERT",
          "INTO",
          "VALUES",
          "UPDATE",
          "SET",
          "DELETE",
          "DROP",
          "CREATE",
          "ALTER",
          "TABLE",
          "INDEX",
          "VIEW",
          "TRUNCATE",
          "GRANT",
          "REVOKE",
          "AND",
          "OR",
          "NOT",
          "NULL",
          "IS",
          "IN",
          "LIKE",
          "JOIN",
          "LEFT",
          "RIGHT",
          "INNER",
          "OUTER",
          "ON",
          "AS",
          "ORDER",
          "GROUP",
          "BY",
          "HAVING",
          "LIMIT",
          "OFFSET",
          "RETURNING",
          "BEGIN",
          "COMMIT",
          "ROLLBACK",
          "WITH",
          "UNION",
          "ALL",
          "DISTINCT",
          "CASCADE",
          "COPY",
          "TO",
          "EXISTS",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "SUDO",
          "RM",
          "KUBECTL",
          "EXEC");

  private Highlight() {}

  public static List<Piece> of(String text) {
    List<Piece> pieces = new ArrayList<>();
    if (text == null) {
      return pieces;
    }
    int i = 0;
    int n = text.length();
    StringBuilder plain = new StringBuilder();
    while (i < n) {
      char c = text.charAt(i);
      int end;
      String kind;
      if (c == '\'' || c == '"') {
        end = text.indexOf(c, i + 1);
        end = end < 0 ? n : end + 1;
        kind = "str";
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        kind = "cmt";
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        kind = "cmt";
      } else if (Character.isDigit(c) && (i == 0 || !isWord(text.charAt(i - 1)))) {
        end = i;
        while (end < n && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
          end++;
        }
        kind = "num";
      } else if (isWord(c)) {
        end = i;
        while (end < n && isWord(text.charAt(end))) {
          end++;
        }
        kind = KEYWORDS.contains(text.substring(i, end).toUpperCase(Locale.ROOT)) ? "kw" : null;
      } else {
        end = i + 1;
        kind = null;
      }
      if (kind == null) {
        plain.append(text, i, end);
      } else {
        flush(plain, pieces);
        pieces.add(new Piece(text.substring(i, end), kind));
      }
      i = end;
    }
    flush(plain, pieces);
    return pieces;
  }

  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static void flush(StringBuilder plain, List<Piece> pieces) {
    if (!plain.isEmpty()) {
      pieces.add(new Piece(plain.toString(), "txt"));
      plain.setLength(0);
    }
  }
}
