package io.gatehouse.policy;

import io.gatehouse.sql.StatementKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code when.sql}: every present criterion must match; inside a list any element matches.
 *
 * @param kinds statement kinds (empty: not a criterion)
 * @param objects globs over {@code schema.table}
 * @param withoutWhere an UPDATE or DELETE with no WHERE clause
 * @param functions globs over function names
 */
public record SqlMatch(
    Set<StatementKind> kinds, List<String> objects, boolean withoutWhere, List<String> functions) {

  public SqlMatch {
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    objects = List.copyOf(objects);
    functions = List.copyOf(functions);
    if (kinds.isEmpty() && objects.isEmpty() && !withoutWhere && functions.isEmpty()) {
      throw new IllegalArgumentException("a sql match needs at least one criterion");
    }
  }
}
