package io.gatehouse.sql;

import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Functions called anywhere in a statement: every (qualified) name directly followed by a
 * parenthesis, except keywords that take parentheses and relations with column lists. A qualified
 * call is listed bare too, so a rule on {@code pg_read_file} also matches {@code
 * pg_catalog.pg_read_file(…)}.
 */
final class FunctionCalls {
  private static final Set<String> NOT_FUNCTIONS =
      Set.of(
          "values",
          "exists",
          "row",
          "over",
          "filter",
          "within",
          "conflict",
          "key",
          "by",
          "set",
          "atomic",
          "operator",
          "varchar",
          "char",
          "character",
          "numeric",
          "decimal",
          "bit",
          "varying",
          "interval",
          "timestamp",
          "time",
          "float",
          "precision",
          "sets",
          "cube",
          "rollup",
          "options",
          "if",
          "returns",
          "partition",
          "include");

  private FunctionCalls() {}

  static Set<String> find(StatementTokens t, BitSet relationStarts) {
    Set<String> functions = new LinkedHashSet<>();
    for (int i = 1; i < t.size(); i++) {
      if (t.isPunctuation(i, '(') && t.get(i - 1).isIdentifier()) {
        int start = nameStart(t, i - 1);
        Token first = t.get(start);
        boolean keyword = first.type() == TokenType.WORD && isKeyword(first.text(), start, i - 1);
        if (!keyword
            && !relationStarts.get(start)
            && !namesNonFunction(t, start)
            && Identifiers.nameEnd(t, start) == i) {
          functions.add(Identifiers.name(t, start, i));
          functions.add(t.get(i - 1).identifierName());
        }
      }
    }
    return functions;
  }

  private static boolean isKeyword(String word, int start, int last) {
    return start == last && (Identifiers.RESERVED.contains(word) || NOT_FUNCTIONS.contains(word));
  }

  /** AS x(a, b) is a column alias list; EXECUTE p(1) runs a prepared statement. */
  private static boolean namesNonFunction(StatementTokens t, int start) {
    return t.isWord(start - 1, "as") || t.isWord(start - 1, "execute");
  }

  private static int nameStart(StatementTokens t, int last) {
    int start = last;
    while (start >= 2 && t.isPunctuation(start - 1, '.') && t.get(start - 2).isIdentifier()) {
      start -= 2;
    }
    return start;
  }
}
