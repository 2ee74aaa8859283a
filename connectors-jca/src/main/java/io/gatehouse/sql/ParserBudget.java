package io.gatehouse.sql;

/**
 * Whether a statement is small and flat enough to give to JSqlParser. Its parse time grows fast
 * with nesting of any kind (parentheses, ARRAY[…], CASE … END) and with length: nested ARRAY[ 3,000
 * deep took 15 s, a 9,000-element IN list 2.5 s. Beyond the budget the lexer classifies alone,
 * which is complete for kinds; only the parse status and the parser's relations are lost.
 */
final class ParserBudget {
  static final int MAX_TOKENS = 1_000;
  static final int MAX_NESTING = 12;

  private ParserBudget() {}

  static boolean allows(StatementTokens t) {
    if (t.size() > MAX_TOKENS) {
      return false;
    }
    int parentheses = 0;
    int brackets = 0;
    int cases = 0;
    for (int i = 0; i < t.size(); i++) {
      Token token = t.get(i);
      if (token.isPunctuation('(')) {
        parentheses++;
      } else if (token.isPunctuation(')')) {
        parentheses--;
      } else if (token.isPunctuation('[')) {
        brackets++;
      } else if (token.isPunctuation(']')) {
        brackets--;
      } else if (token.isWord("case")) {
        cases++;
      } else if (token.isWord("end") && cases > 0) {
        cases--;
      }
      if (parentheses + brackets + cases > MAX_NESTING) {
        return false;
      }
    }
    return true;
  }
}
