package io.gatehouse.sql;

/** The lexical classes of PostgreSQL that matter for classification. Comments are not tokens. */
enum TokenType {
  /** An unquoted keyword or identifier; its text is lower-cased, as PostgreSQL folds it. */
  WORD,
  /** A double-quoted identifier, kept verbatim including its quotes. */
  QUOTED_IDENTIFIER,
  /** Any string constant: '…', E'…', U&'…', B'…', X'…' or a dollar-quoted body. */
  STRING,
  NUMBER,
  /** A positional parameter such as {@code $1}. */
  PARAMETER,
  OPERATOR,
  /** One of {@code ( ) [ ] , ; . :}, each its own token. */
  PUNCTUATION
}
