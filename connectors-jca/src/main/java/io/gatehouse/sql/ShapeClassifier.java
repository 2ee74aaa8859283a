package io.gatehouse.sql;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies a statement shape. It reads nothing but the shape, so statements of equal shape are
 * classified identically by construction; and because literals never decide kinds, relations or
 * functions (those are keywords and identifiers, which the shape keeps), nothing is lost.
 *
 * <p>Kinds are the union of the lexer's view and the parser's. The lexer's effect keywords are kept
 * even when the parser succeeds: JSqlParser is not PostgreSQL and may accept text that the server
 * reads differently, or model a statement (a data-modifying CTE, say) without the nested command.
 * Keywords that only name a command (FOR UPDATE, ON DELETE, GRANT UPDATE) are filtered by {@link
 * CommandContext}; any other occurrence adds its kind. Over-classifying is safe, missing an effect
 * is not.
 */
final class ShapeClassifier {
  /**
   * Deeper nesting is no real workload; refusing it keeps every parser far from its stack limit.
   */
  static final int MAX_NESTING = 64;

  private ShapeClassifier() {}

  static Classification classify(String shape) {
    LexedSql lexed = SqlLexer.lex(shape);
    StatementTokens t = new StatementTokens(lexed.tokens());
    boolean unbounded = UnboundedWrites.any(t);
    if (!lexed.complete() || t.maxDepth() > MAX_NESTING) {
      return Classification.unparseable(EffectKeywords.scan(t, 0), unbounded);
    }
    Set<StatementKind> kinds = LexicalKinds.of(t);
    Optional<SqlParserFacts> parsed =
        t.maxDepth() > JSQLPARSER_NESTING ? Optional.empty() : SqlParserFacts.parse(shape);
    if (kinds == null) {
      kinds = EnumSet.noneOf(StatementKind.class);
      kinds.addAll(EffectKeywords.scan(t, 0));
      kinds.addAll(parsed.map(SqlParserFacts::kinds).orElse(Set.of()));
      if (parsed.isEmpty() || kinds.isEmpty()) {
        return Classification.unparseable(kinds, unbounded);
      }
    } else {
      kinds = EnumSet.copyOf(withParsedKinds(kinds, parsed));
    }
    RelationNames.Found relations = RelationNames.find(t);
    Set<String> objects = new LinkedHashSet<>(relations.names());
    parsed.ifPresent(p -> objects.addAll(p.objects()));
    Set<String> functions = FunctionCalls.find(t, relations.starts());
    return new Classification(kinds, objects, functions, unbounded, parsed.isPresent());
  }

  /**
   * EXPLAIN without ANALYZE runs nothing, whatever the parser saw inside: keep the lexer's view.
   */
  private static Set<StatementKind> withParsedKinds(
      Set<StatementKind> lexical, Optional<SqlParserFacts> parsed) {
    if (lexical.isEmpty() || lexical.equals(Set.of(StatementKind.EXPLAIN))) {
      return lexical.isEmpty() ? Set.of(StatementKind.UNPARSEABLE) : lexical;
    }
    Set<StatementKind> kinds = EnumSet.copyOf(lexical);
    parsed.ifPresent(p -> kinds.addAll(p.kinds()));
    return kinds;
  }

  /** JSqlParser backtracks on nested parentheses; past this depth only the lexer classifies. */
  private static final int JSQLPARSER_NESTING = 12;
}
