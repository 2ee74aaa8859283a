package io.gatehouse.sql;

import java.util.EnumSet;
import java.util.Set;

/** COPY reads a file or program into a table (FROM) or writes one out (TO). */
final class CopyDirection {
  private CopyDirection() {}

  static Set<StatementKind> kinds(StatementTokens t, int copy) {
    Set<StatementKind> kinds = EnumSet.noneOf(StatementKind.class);
    int level = t.depth(copy);
    for (int i = copy + 1; i < t.size() && t.depth(i) >= level; i++) {
      if (t.depth(i) != level) {
        continue;
      }
      switch (t.word(i)) {
        case "from" -> kinds.add(StatementKind.COPY_FROM);
        case "to" -> kinds.add(StatementKind.COPY_TO);
        case "program" -> kinds.add(StatementKind.COPY_PROGRAM);
        default -> {}
      }
    }
    if (!kinds.contains(StatementKind.COPY_FROM) && !kinds.contains(StatementKind.COPY_TO)) {
      kinds.add(StatementKind.COPY_FROM);
      kinds.add(StatementKind.COPY_TO);
    }
    return kinds;
  }
}
