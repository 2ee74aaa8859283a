package io.gatehouse.pg.proxy;

import io.gatehouse.masking.ColumnRef;
import io.gatehouse.pg.wire.BackendMessage;
import java.util.List;

/** Where the columns of a result come from: a RowDescription's fields as masking sees them. */
@FunctionalInterface
public interface ResultColumns {

  /** By label only, no tables: every table-qualified rule matches a column of its name. */
  ResultColumns BY_NAME = fields -> fields.stream().map(f -> ColumnRef.of(f.name())).toList();

  /** One {@link ColumnRef} per field, in order. */
  List<ColumnRef> of(List<BackendMessage.Field> fields);
}
