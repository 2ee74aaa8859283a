package io.gatehouse.masking;

import java.util.Objects;
import java.util.Optional;

/**
 * A result column as a PostgreSQL RowDescription gives it, once its table OID and attribute number
 * are resolved: the schema and table it comes from, the column's own name there, and the label the
 * result gives it ({@code SELECT email AS e}: column {@code email}, label {@code e}). A column that
 * is not straight from a table (an expression), or whose table could not be resolved, has no schema
 * or table and its label as its column.
 */
public record ColumnRef(
    Optional<String> schema, Optional<String> table, String column, String label) {

  public ColumnRef {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(label, "label");
  }

  /** A column known by table and name, labelled with its own name. */
  public ColumnRef(Optional<String> table, String column) {
    this(Optional.empty(), table, column, column);
  }

  public static ColumnRef of(String table, String column) {
    return new ColumnRef(Optional.of(table), column);
  }

  /** A column with no known table (an expression, or a table OID not resolved). */
  public static ColumnRef of(String column) {
    return new ColumnRef(Optional.empty(), column);
  }

  /** A column resolved to {@code schema.table.column}, labelled {@code label} in the result. */
  public static ColumnRef resolved(String schema, String table, String column, String label) {
    return new ColumnRef(Optional.of(schema), Optional.of(table), column, label);
  }
}
