package io.gatehouse.sql;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * What JSqlParser understands of a statement shape: whether it parses, and the relations it names.
 * It parses on the calling thread (CCJSqlParserUtil.parse would start a thread per call); runaway
 * parses are prevented by the caller's nesting bound, and any parser failure, including a stack
 * overflow, means "not parsed" and the lexer's classification stands alone.
 */
record SqlParserFacts(Set<String> objects) {
  private static final Logger LOG = Logger.getLogger(SqlParserFacts.class.getName());

  static Optional<SqlParserFacts> parse(String shape) {
    Statement statement;
    try {
      statement = CCJSqlParserUtil.newParser(shape).withAllowComplexParsing(false).Statement();
    } catch (Exception | StackOverflowError e) {
      LOG.log(Level.FINEST, "not parsed: {0}", e.getClass().getSimpleName());
      return Optional.empty();
    }
    if (statement == null) {
      return Optional.empty();
    }
    return Optional.of(new SqlParserFacts(objects(statement)));
  }

  /** Relations the parser found; some statement types make the finder throw: then none. */
  private static Set<String> objects(Statement statement) {
    Set<String> objects = new LinkedHashSet<>();
    try {
      for (String table : new TablesNamesFinder<Void>().getTables(statement)) {
        objects.add(unquote(table));
      }
    } catch (RuntimeException | StackOverflowError e) {
      LOG.log(Level.FINEST, "no relations from the parser: {0}", e.getClass().getSimpleName());
    }
    return objects;
  }

  /** Parser names are shape text: words already lower-cased, quoted parts verbatim. */
  private static String unquote(String name) {
    LexedSql lexed = SqlLexer.lex(name);
    StringBuilder out = new StringBuilder();
    for (Token token : lexed.tokens()) {
      out.append(token.isPunctuation('.') ? "." : token.identifierName());
    }
    return out.toString();
  }
}
