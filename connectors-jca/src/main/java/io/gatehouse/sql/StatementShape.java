package io.gatehouse.sql;

import java.util.List;

/**
 * The shape of a statement, like pg_stat_statements' normalised query text: its tokens' normalised
 * texts joined by single spaces, so literals read {@code ?}, comments and extra whitespace are
 * gone, unquoted words are lower-cased and quoted identifiers are verbatim. Lexing a shape gives
 * back the same tokens, which is what makes classifying the shape (not the text) sound.
 */
final class StatementShape {
  /** No complete token starts with a single quote, so this cannot collide with a lexed shape. */
  static final String UNTERMINATED_MARKER = "'unterminated";

  private StatementShape() {}

  static String of(StatementSlice slice) {
    String shape = of(slice.tokens());
    if (slice.complete()) {
      return shape;
    }
    return shape.isEmpty() ? UNTERMINATED_MARKER : shape + " " + UNTERMINATED_MARKER;
  }

  static String of(List<Token> tokens) {
    StringBuilder shape = new StringBuilder(tokens.size() * 8);
    for (Token token : tokens) {
      if (shape.length() > 0) {
        shape.append(' ');
      }
      shape.append(token.text());
    }
    return shape.toString();
  }
}
