package io.gatehouse.sql;

import java.util.List;

/**
 * The tokens of a SQL text. When a string, quoted identifier, comment or dollar quote is not
 * terminated, {@code unterminatedAt} is the offset where it starts and the tokens stop there;
 * otherwise it is -1.
 */
record LexedSql(String sql, List<Token> tokens, int unterminatedAt) {

  boolean complete() {
    return unterminatedAt < 0;
  }
}
