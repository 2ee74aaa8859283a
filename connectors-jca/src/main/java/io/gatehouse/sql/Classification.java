package io.gatehouse.sql;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a statement does, independent of where it appears and of its literal values: the part of
 * {@link StatementInfo} that a {@link ClassificationCache} can share between statements of the same
 * shape.
 */
record Classification(
    Set<StatementKind> kinds,
    Set<String> objects,
    Set<String> functions,
    boolean writesWithoutWhere,
    boolean parsed) {

  Classification {
    kinds = Set.copyOf(kinds);
    objects = Set.copyOf(objects);
    functions = Set.copyOf(functions);
  }

  /** Fail closed: UNPARSEABLE, plus whatever effects could still be seen in the tokens. */
  static Classification unparseable(Set<StatementKind> effects, boolean writesWithoutWhere) {
    Set<StatementKind> kinds = EnumSet.of(StatementKind.UNPARSEABLE);
    kinds.addAll(effects);
    return new Classification(kinds, Set.of(), Set.of(), writesWithoutWhere, false);
  }
}
