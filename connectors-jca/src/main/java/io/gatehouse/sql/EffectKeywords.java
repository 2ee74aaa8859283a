package io.gatehouse.sql;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Kinds that keywords in the middle of a statement add: a DELETE in a CTE, an INSERT in a rule
 * action, a SELECT in a subquery. One pass, constant work per token. Every occurrence outside
 * strings, comments and quoted identifiers counts unless {@link CommandContext} shows it only names
 * a command, so a column label that happens to be a keyword over-classifies — the safe direction.
 */
final class EffectKeywords {
  private static final Map<String, StatementKind> KINDS =
      Map.ofEntries(
          Map.entry("select", StatementKind.SELECT),
          Map.entry("insert", StatementKind.INSERT),
          Map.entry("update", StatementKind.UPDATE),
          Map.entry("delete", StatementKind.DELETE),
          Map.entry("merge", StatementKind.MERGE),
          Map.entry("truncate", StatementKind.TRUNCATE),
          Map.entry("create", StatementKind.CREATE),
          Map.entry("alter", StatementKind.ALTER),
          Map.entry("drop", StatementKind.DROP),
          Map.entry("grant", StatementKind.GRANT),
          Map.entry("revoke", StatementKind.REVOKE),
          Map.entry("call", StatementKind.CALL),
          Map.entry("do", StatementKind.DO),
          Map.entry("execute", StatementKind.EXECUTE),
          Map.entry("notify", StatementKind.NOTIFY));
  private static final Set<String> AFTER_NON_COMMAND_DO =
      Set.of("nothing", "update", "instead", "also");

  private static final Set<StatementKind> COPY_EITHER_WAY =
      EnumSet.of(StatementKind.COPY_FROM, StatementKind.COPY_TO);

  private EffectKeywords() {}

  static Set<StatementKind> scan(StatementTokens t, int from) {
    Set<StatementKind> kinds = EnumSet.noneOf(StatementKind.class);
    for (int i = Math.max(0, from); i < t.size(); i++) {
      String word = t.word(i);
      if (word.equals("copy")) {
        kinds.addAll(COPY_EITHER_WAY); // COPY is never nested in PostgreSQL: a name, most likely
      } else if (word.equals("program") && kinds.contains(StatementKind.COPY_FROM)) {
        kinds.add(StatementKind.COPY_PROGRAM);
      } else if (word.equals("set") && setsRole(t, i)) {
        kinds.add(StatementKind.ROLE);
      } else {
        StatementKind kind = KINDS.get(word);
        if (kind != null && runs(t, i, word)) {
          kinds.add(kind);
        }
      }
    }
    return kinds;
  }

  private static boolean runs(StatementTokens t, int i, String word) {
    if (CommandContext.onlyNamesCommand(t, i)) {
      return false;
    }
    return switch (word) {
      case "do" -> !AFTER_NON_COMMAND_DO.contains(t.word(i + 1)); // ON CONFLICT DO, rule DO
      case "execute" -> !callsTriggerFunction(t, i);
      case "grant", "revoke" -> !t.isWord(i + 1, "option"); // WITH GRANT OPTION
      case "drop" -> !t.isWord(i - 1, "commit"); // ON COMMIT DROP
      default -> true;
    };
  }

  /**
   * A trigger's EXECUTE FUNCTION f(…) names what runs later; EXECUTE function(1) (a prepared
   * statement called "function", in CREATE TABLE … AS) runs now.
   */
  private static boolean callsTriggerFunction(StatementTokens t, int i) {
    boolean keyword = t.isWord(i + 1, "function") || t.isWord(i + 1, "procedure");
    return keyword && i + 2 < t.size() && Identifiers.isName(t.get(i + 2));
  }

  /** SET ROLE, SET SESSION AUTHORIZATION, also as a routine's or role's configuration. */
  static boolean setsRole(StatementTokens t, int set) {
    int i = set + 1;
    if (t.isWord(i, "session") || t.isWord(i, "local")) {
      i++;
    }
    return t.isWord(i, "role") || t.isWord(i, "authorization") || t.isWord(i + 1, "authorization");
  }
}
