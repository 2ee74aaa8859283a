package io.gatehouse.sql;

/**
 * Finds an UPDATE or DELETE without a WHERE clause, at any depth (a DELETE in a CTE counts). A
 * WHERE belongs to the command when it is at the command's own parenthesis level, after it and
 * before that level closes or a {@code ;} (in a BEGIN ATOMIC body) ends it; a WHERE in a subquery
 * does not bound the write. One right-to-left pass: hostile input cannot make it quadratic.
 */
final class UnboundedWrites {
  private UnboundedWrites() {}

  static boolean any(StatementTokens t) {
    // whereAhead[d]: a WHERE at depth d lies to the right, in the same parenthesised group.
    boolean[] whereAhead = new boolean[t.maxDepth() + 2];
    for (int i = t.size() - 1; i >= 0; i--) {
      int depth = t.depth(i);
      if (t.isPunctuation(i, ')')) {
        whereAhead[depth + 1] = false; // leftwards, a new group at depth + 1 begins
      } else if (t.isPunctuation(i, ';')) {
        whereAhead[depth] = false;
      } else if (t.isWord(i, "where")) {
        whereAhead[depth] = true;
      } else if (isWrite(t, i) && !whereAhead[depth]) {
        return true;
      }
    }
    return false;
  }

  /** ON CONFLICT DO UPDATE and MERGE's THEN UPDATE/DELETE touch only matched rows. */
  private static boolean isWrite(StatementTokens t, int i) {
    boolean write = t.isWord(i, "update") || t.isWord(i, "delete");
    return write
        && !CommandContext.onlyNamesCommand(t, i)
        && !t.isWord(i - 1, "do")
        && !t.isWord(i - 1, "then");
  }
}
