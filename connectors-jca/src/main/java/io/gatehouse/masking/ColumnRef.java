package io.gatehouse.masking;

import java.util.Objects;
import java.util.Optional;

/**
 * A result column as a PostgreSQL RowDescription gives it, once the table OID is resolved: the
 * table name when the column comes straight from a table, and the column name.
 */
public record ColumnRef(Optional<String> table, String column) {

  public ColumnRef {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
  }

  public static ColumnRef of(String table, String column) {
    return new ColumnRef(Optional.of(table), column);
  }

  /** A column with no known table (an expression, or a table OID not resolved). */
  public static ColumnRef of(String column) {
    return new ColumnRef(Optional.empty(), column);
  }
}
