package io.gatehouse.sql;

import java.util.Set;

/** Reading (possibly qualified) names from tokens, and the words that cannot be names. */
final class Identifiers {
  /** PostgreSQL's reserved keywords: never a table or function name unless quoted. */
  static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "column",
          "constraint",
          "create",
          "current_catalog",
          "current_date",
          "current_role",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "from",
          "grant",
          "group",
          "having",
          "in",
          "initially",
          "intersect",
          "into",
          "lateral",
          "leading",
          "limit",
          "localtime",
          "localtimestamp",
          "not",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "placing",
          "primary",
          "references",
          "returning",
          "select",
          "session_user",
          "some",
          "symmetric",
          "system_user",
          "table",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "when",
          "where",
          "window",
          "with");

  private Identifiers() {}

  static boolean isName(Token token) {
    return token.type() == TokenType.QUOTED_IDENTIFIER
        || (token.type() == TokenType.WORD && !RESERVED.contains(token.text()));
  }

  /** The index just past the qualified name starting at {@code i}, or {@code i} if none. */
  static int nameEnd(StatementTokens t, int i) {
    if (i >= t.size() || !isName(t.get(i))) {
      return i;
    }
    int end = i + 1;
    while (t.isPunctuation(end, '.') && end + 1 < t.size() && t.get(end + 1).isIdentifier()) {
      end += 2;
    }
    return end;
  }

  /** The name from {@code start} to {@code end}: parts unquoted, joined by dots. */
  static String name(StatementTokens t, int start, int end) {
    StringBuilder name = new StringBuilder();
    for (int i = start; i < end; i += 2) {
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(t.get(i).identifierName());
    }
    return name.toString();
  }
}
