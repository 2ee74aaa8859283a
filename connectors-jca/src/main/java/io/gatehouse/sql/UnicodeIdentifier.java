package io.gatehouse.sql;

/**
 * Decodes a U&amp;"…" identifier, with its optional {@code UESCAPE 'c'} clause, into the identifier
 * it names. The shape must carry the decoded name: {@code U&"pg_read_fil\0065"} calls pg_read_file,
 * and the escape character lives in a literal that shaping would erase.
 */
final class UnicodeIdentifier {
  private UnicodeIdentifier() {}

  /** The end of the UESCAPE clause after {@code pos}, or {@code pos} when there is none. */
  static int uescapeEnd(String sql, int pos) {
    int word = CommentSkipper.skipWhitespaceAndComments(sql, pos);
    if (word < 0 || !sql.regionMatches(true, word, "uescape", 0, 7)) {
      return pos;
    }
    if (word + 7 < sql.length() && SqlLexer.isIdentifierPart(sql.charAt(word + 7))) {
      return pos;
    }
    int quote = CommentSkipper.skipWhitespaceAndComments(sql, word + 7);
    boolean simple =
        quote >= 0
            && quote + 2 < sql.length()
            && sql.charAt(quote) == '\''
            && sql.charAt(quote + 2) == '\'';
    return simple ? quote + 3 : pos;
  }

  static char escapeCharacter(String sql, int identifierEnd, int clauseEnd) {
    return clauseEnd > identifierEnd ? sql.charAt(clauseEnd - 2) : '\\';
  }

  /** The decoded body; malformed escapes are kept as written (the server rejects them). */
  static String decode(String body, char escape) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c != escape) {
        out.append(c);
        i++;
      } else if (i + 1 < body.length() && body.charAt(i + 1) == escape) {
        out.append(escape);
        i += 2;
      } else {
        boolean wide = i + 1 < body.length() && body.charAt(i + 1) == '+';
        int digits = wide ? 6 : 4;
        int from = wide ? i + 2 : i + 1;
        int codePoint = hex(body, from, digits);
        if (codePoint < 0) {
          out.append(c);
          i++;
        } else {
          out.appendCodePoint(codePoint);
          i = from + digits;
        }
      }
    }
    return out.toString();
  }

  private static int hex(String s, int from, int digits) {
    if (from + digits > s.length()) {
      return -1;
    }
    try {
      int value = Integer.parseInt(s.substring(from, from + digits), 16);
      return Character.isValidCodePoint(value) ? value : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
