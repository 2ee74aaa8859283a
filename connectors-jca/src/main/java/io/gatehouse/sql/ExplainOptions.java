package io.gatehouse.sql;

/**
 * The options of an EXPLAIN: {@code EXPLAIN ANALYZE VERBOSE stmt} or {@code EXPLAIN (ANALYZE true,
 * …) stmt}. ANALYZE counts unless its value is the word false or off; a literal value (0, 'off') is
 * a {@code ?} in the shape, so it counts too: over-classifying is the safe side.
 */
record ExplainOptions(boolean analyze, int statementStart) {

  static ExplainOptions read(StatementTokens t, int from) {
    if (t.isPunctuation(from, '(')) {
      return parenthesised(t, from);
    }
    boolean analyze = false;
    int i = from;
    while (isAnalyze(t, i) || t.isWord(i, "verbose")) {
      analyze |= isAnalyze(t, i);
      i++;
    }
    return new ExplainOptions(analyze, i);
  }

  private static ExplainOptions parenthesised(StatementTokens t, int open) {
    int level = t.depth(open);
    boolean analyze = false;
    for (int i = open + 1; i < t.size(); i++) {
      if (t.isPunctuation(i, ')') && t.depth(i) == level) {
        return new ExplainOptions(analyze, i + 1);
      }
      if (isAnalyze(t, i) && !t.isWord(i + 1, "false") && !t.isWord(i + 1, "off")) {
        analyze = true;
      }
    }
    return new ExplainOptions(true, t.size()); // unbalanced: nothing to explain, fail closed
  }

  private static boolean isAnalyze(StatementTokens t, int i) {
    return t.isWord(i, "analyze") || t.isWord(i, "analyse");
  }
}
