package io.gatehouse.sql;

import java.util.List;

/**
 * The tokens of one statement with facts computed once, in one pass, so that every classifying rule
 * is a linear scan: each token's parenthesis depth and whether it sits in the privilege list of a
 * GRANT or REVOKE (where {@code UPDATE} or {@code DELETE} is a privilege, not a command).
 */
final class StatementTokens {
  private final List<Token> tokens;
  private final int[] depth;
  private final boolean[] privilegeList;
  private final int maxDepth;

  StatementTokens(List<Token> tokens) {
    this.tokens = tokens;
    this.depth = new int[tokens.size()];
    this.privilegeList = new boolean[tokens.size()];
    int current = 0;
    int max = 0;
    boolean inPrivileges = false;
    boolean grantsPrivileges = grantsPrivileges(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.isPunctuation(')')) {
        current = Math.max(0, current - 1);
      }
      depth[i] = current;
      if (token.isPunctuation('(')) {
        current++;
        max = Math.max(max, current);
      }
      boolean grantOrRevoke = token.isWord("grant") || token.isWord("revoke");
      if (grantsPrivileges && grantOrRevoke && !isWord(i + 1, "option")) {
        inPrivileges = true;
      } else if (token.isWord("on") || token.isWord("to") || token.isWord("from")) {
        inPrivileges = false;
      } else {
        privilegeList[i] = inPrivileges;
      }
    }
    this.maxDepth = max;
  }

  /**
   * Only GRANT, REVOKE and ALTER DEFAULT PRIVILEGES have privilege lists; elsewhere a GRANT token
   * (a column label, say) must not make a following DELETE look like a privilege.
   */
  private static boolean grantsPrivileges(List<Token> tokens) {
    if (tokens.isEmpty()) {
      return false;
    }
    Token first = tokens.get(0);
    if (first.isWord("grant") || first.isWord("revoke")) {
      return true;
    }
    return tokens.size() > 2
        && first.isWord("alter")
        && tokens.get(1).isWord("default")
        && tokens.get(2).isWord("privileges");
  }

  int size() {
    return tokens.size();
  }

  Token get(int i) {
    return tokens.get(i);
  }

  List<Token> list() {
    return tokens;
  }

  StatementTokens from(int i) {
    return new StatementTokens(tokens.subList(Math.min(i, tokens.size()), tokens.size()));
  }

  /** The normalised word at {@code i}, or "" when there is none or it is not a word. */
  String word(int i) {
    if (i < 0 || i >= tokens.size() || tokens.get(i).type() != TokenType.WORD) {
      return "";
    }
    return tokens.get(i).text();
  }

  boolean isWord(int i, String lowerCaseWord) {
    return word(i).equals(lowerCaseWord);
  }

  boolean isPunctuation(int i, char c) {
    return i >= 0 && i < tokens.size() && tokens.get(i).isPunctuation(c);
  }

  int depth(int i) {
    return depth[i];
  }

  int maxDepth() {
    return maxDepth;
  }

  boolean inPrivilegeList(int i) {
    return privilegeList[i];
  }

  /** The index of the first word at depth 0 from {@code from} equal to one of {@code words}. */
  int indexAtTopLevel(int from, String... words) {
    for (int i = Math.max(0, from); i < tokens.size(); i++) {
      if (depth[i] == 0) {
        for (String w : words) {
          if (isWord(i, w)) {
            return i;
          }
        }
      }
    }
    return -1;
  }
}
