package io.gatehouse.sql;

/**
 * Finds an UPDATE or DELETE without a WHERE clause, at any depth (a DELETE in a CTE counts). A
 * WHERE belongs to the command when it is at the command's own parenthesis level before that level
 * closes; a WHERE in a subquery does not bound the write.
 */
final class UnboundedWrites {
  private UnboundedWrites() {}

  static boolean any(StatementTokens t) {
    for (int i = 0; i < t.size(); i++) {
      boolean write = t.isWord(i, "update") || t.isWord(i, "delete");
      if (write && isCommand(t, i) && !hasWhere(t, i)) {
        return true;
      }
    }
    return false;
  }

  /** ON CONFLICT DO UPDATE and MERGE's THEN UPDATE/DELETE touch only matched rows. */
  private static boolean isCommand(StatementTokens t, int i) {
    return !CommandContext.onlyNamesCommand(t, i)
        && !t.isWord(i - 1, "do")
        && !t.isWord(i - 1, "then");
  }

  private static boolean hasWhere(StatementTokens t, int command) {
    int level = t.depth(command);
    // The loop ends where the command's own parenthesis closes: that token is one level up.
    for (int i = command + 1; i < t.size() && t.depth(i) >= level; i++) {
      if (t.isPunctuation(i, ';')) {
        return false; // the end of a statement in a BEGIN ATOMIC body
      }
      if (t.depth(i) == level && t.isWord(i, "where")) {
        return true;
      }
    }
    return false;
  }
}
