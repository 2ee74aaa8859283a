package io.gatehouse.sql;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Relations named after the keywords that introduce them (FROM, JOIN, INTO, UPDATE, TABLE, …). This
 * over-reports (CTE names, aliases of odd forms) rather than under-reports, so that an {@code
 * objects} rule is never escaped by syntax the SQL parser does not know.
 */
final class RelationNames {
  private static final Set<String> FROM_IN_ARGUMENTS =
      Set.of("extract", "substring", "trim", "overlay", "position", "normalize");
  private static final Set<String> NOT_ALIASES =
      Set.of(
          "join",
          "inner",
          "left",
          "right",
          "full",
          "cross",
          "natural",
          "set",
          "cascade",
          "restrict",
          "tablesample",
          "in",
          "nowait",
          "values",
          "default",
          "overriding");
  private static final Set<String> NON_RELATION_TARGETS =
      Set.of(
          "schema",
          "function",
          "procedure",
          "routine",
          "database",
          "language",
          "type",
          "domain",
          "foreign",
          "large",
          "tablespace",
          "all",
          "parameter",
          "insert",
          "update",
          "delete",
          "select",
          "truncate");

  private static final Set<String> COPY_ENDPOINTS = Set.of("stdin", "stdout", "program");
  private static final Set<String> DEFINES_ON_TARGETS =
      Set.of("grant", "revoke", "comment", "security", "create", "alter", "drop");

  private static final Set<String> NAME_PREFIXES =
      Set.of("only", "if", "not", "exists", "table", "materialized", "concurrently");
  private static final Set<String> MAINTENANCE_OPTIONS =
      Set.of("full", "freeze", "verbose", "analyze", "analyse");
  private static final Set<String> PRIVILEGE_STATEMENTS =
      Set.of("grant", "revoke", "comment", "security");

  private final StatementTokens t;
  private final Set<String> names = new LinkedHashSet<>();
  private final BitSet starts = new BitSet();
  private Boolean definesQuery; // CREATE VIEW … AS SELECT: its ONs are joins; computed once

  private RelationNames(StatementTokens t) {
    this.t = t;
  }

  /** The relation names, and the token indexes where they start. */
  record Found(Set<String> names, BitSet starts) {}

  static Found find(StatementTokens t) {
    RelationNames finder = new RelationNames(t);
    finder.scan();
    return new Found(finder.names, finder.starts);
  }

  private void scan() {
    Deque<String> openers = new ArrayDeque<>();
    for (int i = 0; i < t.size(); i++) {
      if (t.isPunctuation(i, '(')) {
        openers.push(t.word(i - 1));
      } else if (t.isPunctuation(i, ')')) {
        openers.poll();
      }
      introducedAt(i, openers.isEmpty() ? "" : openers.peek());
    }
  }

  private void introducedAt(int i, String opener) {
    switch (t.word(i)) {
      case "from" -> {
        if (!FROM_IN_ARGUMENTS.contains(opener)) {
          list(i + 1, false);
        }
      }
      case "join", "using" -> one(i + 1, false);
      case "into", "references", "copy" -> one(i + 1, true);
      case "update" -> {
        boolean action = t.isWord(i - 1, "do") || t.isWord(i - 1, "then"); // upsert, MERGE
        if (!CommandContext.onlyNamesCommand(t, i) && !action) {
          one(i + 1, true);
        }
      }
      case "table", "view", "sequence", "truncate", "lock" -> list(i + 1, true);
      case "vacuum", "analyze", "analyse", "cluster" -> {
        if (i == 0) {
          list(skipMaintenanceOptions(i + 1), true);
        }
      }
      case "on" -> {
        if (onNamesTarget(i)) {
          one(i + 1, true);
        }
      }
      default -> {}
    }
  }

  /**
   * GRANT … ON t, CREATE INDEX … ON t, DROP TRIGGER x ON t; but not a join condition, which is
   * where ON is in queries (including a view's).
   */
  private boolean onNamesTarget(int i) {
    String leading = t.word(0);
    if (!DEFINES_ON_TARGETS.contains(leading) || NON_RELATION_TARGETS.contains(t.word(i + 1))) {
      return false;
    }
    if (PRIVILEGE_STATEMENTS.contains(leading)) {
      return true;
    }
    if (definesQuery == null) {
      definesQuery = t.indexAtTopLevel(0, "select", "values") >= 0;
    }
    return !definesQuery;
  }

  /** VACUUM (VERBOSE) t, VACUUM FULL ANALYZE t, CLUSTER VERBOSE t. */
  private int skipMaintenanceOptions(int i) {
    if (t.isPunctuation(i, '(')) {
      int level = t.depth(i);
      do {
        i++;
      } while (i < t.size() && !(t.isPunctuation(i, ')') && t.depth(i) == level));
      return i + 1;
    }
    while (MAINTENANCE_OPTIONS.contains(t.word(i))) {
      i++;
    }
    return i;
  }

  /** A relation, and more after commas: FROM a x, b AS y; DROP TABLE a, b. */
  private void list(int from, boolean allowParenthesis) {
    int i = one(from, allowParenthesis);
    while (i > from) {
      i = skipAlias(i);
      if (!t.isPunctuation(i, ',')) {
        return;
      }
      from = i + 1;
      i = one(from, allowParenthesis);
    }
  }

  /**
   * Records the relation at {@code i}, after ONLY / IF [NOT] EXISTS. A name directly followed by a
   * parenthesis is a function call (FROM f(x)) unless {@code allowParenthesis} (INTO t (a, b)).
   */
  private int one(int i, boolean allowParenthesis) {
    while (NAME_PREFIXES.contains(t.word(i))) {
      i++;
    }
    if (t.isWord(0, "copy") && COPY_ENDPOINTS.contains(t.word(i))) {
      return i;
    }
    int end = Identifiers.nameEnd(t, i);
    if (end == i || (!allowParenthesis && t.isPunctuation(end, '('))) {
      return i;
    }
    names.add(Identifiers.name(t, i, end));
    starts.set(i);
    return end;
  }

  private int skipAlias(int i) {
    if (t.isWord(i, "as")) {
      i++;
    }
    if (i < t.size() && Identifiers.isName(t.get(i)) && !NOT_ALIASES.contains(t.word(i))) {
      i++;
    }
    return i;
  }
}
