package io.gatehouse.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What each {@code COPY … TO STDOUT} of a SQL text writes to the client, for masking: a table and
 * the columns it lists, or a query. Fails closed: a COPY whose target cannot be read here counts as
 * a query (whose columns are unknown). {@code COPY … TO 'file'} and {@code TO PROGRAM} write
 * nothing to the client and are not listed; {@code COPY … FROM} neither.
 */
public final class CopyOutputs {

  /**
   * One {@code COPY … TO STDOUT}.
   *
   * @param schema the table's schema when written, else null
   * @param table the table (lower-cased unless quoted), or null for {@code COPY (query)}
   * @param columns the listed columns, empty when the COPY writes every column
   */
  public record Output(String schema, String table, List<String> columns) {

    public Output {
      columns = List.copyOf(columns);
    }

    static final Output QUERY = new Output(null, null, List.of());

    /** Whether the columns cannot be known from the statement: a query, or an unreadable COPY. */
    public boolean isQuery() {
      return table == null;
    }
  }

  private CopyOutputs() {}

  /** Every {@code COPY … TO STDOUT} of {@code sql}, in order. */
  public static List<Output> of(String sql) {
    List<Output> outputs = new ArrayList<>();
    for (StatementSlice slice : StatementSplitter.split(SqlLexer.lex(sql))) {
      StatementTokens t = new StatementTokens(slice.tokens());
      if (!t.isWord(0, "copy")) {
        continue;
      }
      int direction = t.indexAtTopLevel(1, "to", "from");
      if (direction < 0) {
        outputs.add(Output.QUERY); // not a COPY the server accepts; fail closed all the same
      } else if (t.isWord(direction, "to") && t.isWord(direction + 1, "stdout")) {
        outputs.add(target(t, direction));
      }
    }
    return outputs;
  }

  // COPY [BINARY] name [(column, …)] TO; anything else is read as a query.
  private static Output target(StatementTokens t, int direction) {
    int i = t.isWord(1, "binary") ? 2 : 1;
    int end = Identifiers.nameEnd(t, i);
    if (end == i) {
      return Output.QUERY;
    }
    List<String> parts = new ArrayList<>();
    for (int p = i; p < end; p += 2) {
      parts.add(t.get(p).identifierName());
    }
    List<String> columns = new ArrayList<>();
    if (t.isPunctuation(end, '(')) {
      int c = end + 1; // identifiers at c, c + 2, …, separated by commas, then ')'
      while (c < direction && t.get(c).isIdentifier()) {
        columns.add(t.get(c).identifierName());
        if (!t.isPunctuation(c + 1, ',')) {
          break;
        }
        c += 2;
      }
      if (columns.isEmpty() || !t.isPunctuation(c + 1, ')')) {
        return Output.QUERY;
      }
      end = c + 2;
    }
    if (end != direction) {
      return Output.QUERY;
    }
    String table = parts.get(parts.size() - 1);
    String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
    return new Output(schema, table, columns);
  }
}
