package io.gatehouse.sql;

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

  /** The identifier as PostgreSQL resolves it: quotes removed, doubled quotes undone. */
  String identifierName() {
    if (type != TokenType.QUOTED_IDENTIFIER) {
      return text;
    }
    return text.substring(1, text.length() - 1).replace("\"\"", "\"");
  }
}
