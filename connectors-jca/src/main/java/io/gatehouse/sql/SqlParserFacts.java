package io.gatehouse.sql;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * What JSqlParser understands of a statement shape: the statement's kind and the relations it
 * names. It parses on the calling thread (CCJSqlParserUtil.parse would start a thread per call);
 * runaway parses are prevented by the caller's nesting bound, and any parser failure, including a
 * stack overflow, means "not parsed" and the lexer's classification stands alone.
 */
record SqlParserFacts(Set<StatementKind> kinds, Set<String> objects) {
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
    return Optional.of(new SqlParserFacts(kinds(statement), objects(statement)));
  }

  private static Set<StatementKind> kinds(Statement statement) {
    Set<StatementKind> kinds = EnumSet.noneOf(StatementKind.class);
    if (statement instanceof Select) {
      kinds.add(StatementKind.SELECT);
    } else if (statement instanceof Insert) {
      kinds.add(StatementKind.INSERT); // ON CONFLICT DO UPDATE: the lexer adds UPDATE
    } else if (statement instanceof Update) {
      kinds.add(StatementKind.UPDATE);
    } else if (statement instanceof Delete) {
      kinds.add(StatementKind.DELETE);
    } else if (statement instanceof Merge) {
      kinds.add(StatementKind.MERGE);
    } else if (statement instanceof Truncate) {
      kinds.add(StatementKind.TRUNCATE);
    } else if (statement instanceof Drop) {
      kinds.add(StatementKind.DROP);
    } else if (statement instanceof Alter) {
      kinds.add(StatementKind.ALTER);
    } else if (statement instanceof CreateTable || statement instanceof CreateView) {
      kinds.add(StatementKind.CREATE);
    } else if (statement instanceof Grant) {
      kinds.add(StatementKind.GRANT);
    }
    return kinds;
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
