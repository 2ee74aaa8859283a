package io.gatehouse.sql;

import java.util.Set;

/**
 * Tells whether a keyword such as UPDATE or DELETE in the middle of a statement is a command that
 * runs, or only names one: a row lock ({@code FOR UPDATE}), a foreign-key action ({@code ON
 * DELETE}), a trigger event ({@code BEFORE INSERT OR UPDATE}) or a privilege ({@code GRANT
 * UPDATE}). Anything not recognised as naming counts as running: the error is on the safe side.
 */
final class CommandContext {
  private static final Set<String> NAMING_PREDECESSORS =
      Set.of("for", "on", "of", "or", "before", "after");

  private CommandContext() {}

  static boolean onlyNamesCommand(StatementTokens t, int i) {
    String previous = t.word(i - 1);
    if (NAMING_PREDECESSORS.contains(previous) || t.inPrivilegeList(i)) {
      return true;
    }
    return previous.equals("key") && t.isWord(i - 2, "no");
  }
}
