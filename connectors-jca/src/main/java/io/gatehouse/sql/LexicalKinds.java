package io.gatehouse.sql;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of a statement from its tokens alone: the leading keyword's kind, the effects of
 * keywords further in, and the kinds of the statement a prefix wraps (EXPLAIN ANALYZE, PREPARE,
 * DECLARE). Returns null when the leading keyword is unknown.
 */
final class LexicalKinds {
  /** Wrapping prefixes cannot nest in PostgreSQL; the bound only protects the stack. */
  private static final int MAX_PREFIX_NESTING = 8;

  private LexicalKinds() {}

  static Set<StatementKind> of(StatementTokens t) {
    return of(t, 0);
  }

  private static Set<StatementKind> of(StatementTokens t, int nesting) {
    if (nesting > MAX_PREFIX_NESTING) {
      return null;
    }
    int first = 0;
    while (t.isPunctuation(first, '(')) {
      first++; // (SELECT …) UNION (SELECT …)
    }
    return switch (t.word(first)) {
      case "explain" -> explain(t, first, nesting);
      case "prepare" ->
          t.isWord(first + 1, "transaction")
              ? EnumSet.of(StatementKind.TRANSACTION)
              : wrapping(t, first, StatementKind.PREPARE, "as", nesting);
      case "declare" -> wrapping(t, first, StatementKind.CURSOR, "for", nesting);
      default -> plain(t, first);
    };
  }

  private static Set<StatementKind> plain(StatementTokens t, int first) {
    Set<StatementKind> leading = LeadingKeyword.kinds(t, first);
    if (leading == null) {
      return null;
    }
    Set<StatementKind> kinds = EnumSet.noneOf(StatementKind.class);
    kinds.addAll(leading);
    kinds.addAll(EffectKeywords.scan(t, first + 1));
    return kinds;
  }

  /** PREPARE p AS stmt, DECLARE c CURSOR FOR query: the wrapper's kind plus the statement's. */
  private static Set<StatementKind> wrapping(
      StatementTokens t, int first, StatementKind kind, String introducer, int nesting) {
    Set<StatementKind> kinds = EnumSet.of(kind);
    kinds.addAll(EffectKeywords.scan(t, first + 1));
    int at = t.indexAtTopLevel(first + 1, introducer);
    if (at < 0) {
      return kinds;
    }
    Set<StatementKind> inner = of(t.from(at + 1), nesting + 1);
    kinds.addAll(inner == null ? Set.of(StatementKind.UNPARSEABLE) : inner);
    return kinds;
  }

  /** Plain EXPLAIN only plans; with ANALYZE the statement runs, so it has the statement's kinds. */
  private static Set<StatementKind> explain(StatementTokens t, int first, int nesting) {
    ExplainOptions options = ExplainOptions.read(t, first + 1);
    if (!options.analyze()) {
      return EnumSet.of(StatementKind.EXPLAIN);
    }
    Set<StatementKind> inner = of(t.from(options.statementStart()), nesting + 1);
    if (inner == null) {
      Set<StatementKind> kinds = EnumSet.of(StatementKind.UNPARSEABLE);
      kinds.addAll(EffectKeywords.scan(t, options.statementStart()));
      return kinds;
    }
    return inner;
  }
}
