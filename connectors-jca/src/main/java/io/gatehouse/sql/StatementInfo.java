package io.gatehouse.sql;

import java.util.Set;

/**
 * One classified statement of a SQL text.
 *
 * @param text the statement as written, without the terminating semicolon
 * @param start offset of the statement in the classified text
 * @param end offset just past the statement in the classified text
 * @param kinds what the statement does; never empty, {@link StatementKind#UNPARSEABLE} when unsure
 * @param objects relations touched: lower-cased unless quoted, schema-qualified when written so
 * @param writesWithoutWhere an UPDATE or DELETE, possibly inside a CTE, has no WHERE clause
 * @param functions functions called anywhere; a qualified call is listed bare and qualified
 * @param parsed whether the SQL parser understood the statement (else the lexer classified it)
 * @param shape the statement with literals as {@code ?}: equal shapes classify identically
 */
public record StatementInfo(
    String text,
    int start,
    int end,
    Set<StatementKind> kinds,
    Set<String> objects,
    boolean writesWithoutWhere,
    Set<String> functions,
    boolean parsed,
    String shape) {

  public StatementInfo {
    kinds = Set.copyOf(kinds);
    objects = Set.copyOf(objects);
    functions = Set.copyOf(functions);
  }

  static StatementInfo of(String sql, StatementSlice slice, String shape, Classification c) {
    String text = sql.substring(slice.start(), slice.end());
    return new StatementInfo(
        text,
        slice.start(),
        slice.end(),
        c.kinds(),
        c.objects(),
        c.writesWithoutWhere(),
        c.functions(),
        c.parsed(),
        shape);
  }

  public boolean has(StatementKind kind) {
    return kinds.contains(kind);
  }
}
