package io.gatehouse.sql;

import java.nio.charset.StandardCharsets;

/**
 * One token of a SQL text: its class, its offsets in the original text and its normalised text
 * (lower-cased words, {@code ?} for literals, everything else verbatim).
 */
record Token(TokenType type, String text, int start, int end) {

  boolean isWord(String lowerCaseWord) {
    return type == TokenType.WORD && text.equals(lowerCaseWord);
  }

  boolean isPunctuation(char c) {
    return type == TokenType.PUNCTUATION && text.length() == 1 && text.charAt(0) == c;
  }

  boolean isIdentifier() {
    return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER;
  }

  /**
   * The identifier as PostgreSQL resolves it: quotes removed, doubled quotes undone, truncated to
   * NAMEDATALEN - 1 bytes as the server does (a longer spelling names the same relation).
   */
  String identifierName() {
    String name =
        type == TokenType.QUOTED_IDENTIFIER
            ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
            : text;
    return truncate(name);
  }

  private static final int MAX_IDENTIFIER_BYTES = 63;

  private static String truncate(String name) {
    if (name.length() * 3 <= MAX_IDENTIFIER_BYTES) {
      return name; // fast path: cannot exceed the limit even if every char took three bytes
    }
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_IDENTIFIER_BYTES) {
        return name.substring(0, i);
      }
      bytes += size;
      i += Character.charCount(codePoint);
    }
    return name;
  }
}
