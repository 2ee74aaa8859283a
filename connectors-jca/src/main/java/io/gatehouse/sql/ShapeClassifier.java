package io.gatehouse.sql;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies a statement shape. It reads nothing but the shape, so statements of equal shape are
 * classified identically by construction; and because literals never decide kinds, relations or
 * functions (those are keywords and identifiers, which the shape keeps), nothing is lost.
 *
 * <p>Kinds come from the lexer: the leading keyword(s), which in PostgreSQL's grammar decide the
 * command, plus every effect keyword anywhere in the statement unless {@link CommandContext} shows
 * it only names a command (FOR UPDATE, ON DELETE, GRANT UPDATE). So the lexer's effect keywords are
 * kept even when JSqlParser succeeds: JSqlParser is not PostgreSQL, may accept text the server
 * reads differently, and models some statements (a data-modifying CTE) without the nested command.
 * The parser's kinds are used only where the lexer does not know the leading keyword; elsewhere
 * they would only blur PostgreSQL distinctions (DROP ROLE is ROLE, not DROP). The parser
 * contributes parse status and relations. Over-classifying is safe, missing an effect is not.
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
    if (kinds == null || kinds.isEmpty()) {
      // Not a PostgreSQL statement start: the server rejects it; a policy must not pass it.
      return Classification.unparseable(EffectKeywords.scan(t, 0), unbounded);
    }
    Optional<SqlParserFacts> parsed =
        ParserBudget.allows(t) ? SqlParserFacts.parse(shape) : Optional.empty();
    RelationNames.Found relations = RelationNames.find(t);
    Set<String> objects = new LinkedHashSet<>(relations.names());
    parsed.ifPresent(p -> objects.addAll(p.objects()));
    Set<String> functions = FunctionCalls.find(t, relations.starts());
    return new Classification(kinds, objects, functions, unbounded, parsed.isPresent());
  }
}
