package io.gatehouse.sql;

import static io.gatehouse.sql.StatementKind.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The primary kind of a statement from its leading keyword(s), following PostgreSQL's grammar,
 * where the first keyword (and sometimes the second) decides the command. Returns null for a
 * keyword PostgreSQL does not start a statement with: the caller fails closed on it.
 */
final class LeadingKeyword {
  private LeadingKeyword() {}

  static Set<StatementKind> kinds(StatementTokens t, int i) {
    return switch (t.word(i)) {
      case "select", "values", "table", "with" -> queryKinds(t, i);
      case "insert" -> EnumSet.of(INSERT);
      case "update" -> EnumSet.of(UPDATE);
      case "delete" -> EnumSet.of(DELETE);
      case "merge" -> EnumSet.of(MERGE);
      case "truncate" -> EnumSet.of(TRUNCATE);
      case "create" -> roleOr(t, i, CREATE);
      case "alter" -> t.isWord(i + 1, "system") ? EnumSet.of(ALTER_SYSTEM) : roleOr(t, i, ALTER);
      case "drop" -> roleOr(t, i, DROP);
      case "grant" -> EnumSet.of(GRANT);
      case "revoke" -> EnumSet.of(REVOKE);
      case "copy" -> CopyDirection.kinds(t, i);
      case "call" -> EnumSet.of(CALL);
      case "do" -> EnumSet.of(DO);
      case "set" -> setKinds(t, i);
      case "reset" -> EffectKeywords.setsRole(t, i) ? EnumSet.of(SET, ROLE) : EnumSet.of(SET);
      case "show" -> EnumSet.of(SHOW);
      case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release" ->
          EnumSet.of(TRANSACTION);
      case "execute" -> EnumSet.of(EXECUTE);
      case "deallocate" -> EnumSet.of(DEALLOCATE);
      case "fetch", "move", "close" -> EnumSet.of(CURSOR);
      case "vacuum", "analyze", "analyse", "cluster", "reindex", "checkpoint", "refresh" ->
          EnumSet.of(MAINTENANCE);
      case "listen", "unlisten" -> EnumSet.of(LISTEN);
      case "notify" -> EnumSet.of(NOTIFY);
      case "lock" -> EnumSet.of(LOCK);
      case "discard" -> EnumSet.of(DISCARD);
      case "load" -> EnumSet.of(LOAD);
      case "comment" -> EnumSet.of(COMMENT);
      case "reassign" -> EnumSet.of(ALTER, ROLE); // REASSIGN OWNED BY a TO b
      case "import" -> EnumSet.of(CREATE); // IMPORT FOREIGN SCHEMA
      case "security" -> EnumSet.of(ALTER); // SECURITY LABEL
      default -> null;
    };
  }

  /** CREATE/ALTER/DROP ROLE, USER or GROUP manage roles; USER MAPPING is also a schema object. */
  private static Set<StatementKind> roleOr(StatementTokens t, int i, StatementKind otherwise) {
    int target = t.isWord(i + 1, "or") && t.isWord(i + 2, "replace") ? i + 3 : i + 1;
    String object = t.word(target);
    if (object.equals("user") && t.isWord(target + 1, "mapping")) {
      return EnumSet.of(ROLE, otherwise);
    }
    boolean role = object.equals("role") || object.equals("user") || object.equals("group");
    return role ? EnumSet.of(ROLE) : EnumSet.of(otherwise);
  }

  private static Set<StatementKind> setKinds(StatementTokens t, int i) {
    Set<StatementKind> kinds = EnumSet.of(SET);
    if (EffectKeywords.setsRole(t, i)) {
      kinds.add(ROLE);
    }
    int next = t.isWord(i + 1, "session") || t.isWord(i + 1, "local") ? i + 2 : i + 1;
    if (t.isWord(next, "transaction")
        || t.isWord(next, "constraints")
        || t.isWord(next, "characteristics")) {
      kinds.add(TRANSACTION);
    }
    return kinds;
  }

  /** A query; SELECT … INTO at the top level creates a table. */
  private static Set<StatementKind> queryKinds(StatementTokens t, int i) {
    Set<StatementKind> kinds = EnumSet.of(SELECT); // WITH: its main statement may be a query
    int into = t.indexAtTopLevel(i, "into");
    int writer = t.indexAtTopLevel(i, "insert", "merge");
    if (into >= 0 && (writer < 0 || writer > into)) {
      kinds.add(CREATE);
    }
    return kinds;
  }
}
