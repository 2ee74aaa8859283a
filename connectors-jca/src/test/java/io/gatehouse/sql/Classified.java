package io.gatehouse.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Test helpers: classify SQL that must be exactly one statement; parse kind lists. */
final class Classified {
  static final SqlClassifier CLASSIFIER = new SqlClassifier();

  private Classified() {}

  static StatementInfo one(String sql) {
    List<StatementInfo> statements = CLASSIFIER.classify(sql);
    assertEquals(1, statements.size(), () -> "statements of " + sql + ": " + statements);
    return statements.get(0);
  }

  /** "SELECT DELETE" -> {SELECT, DELETE}. */
  static Set<StatementKind> kinds(String spaceSeparated) {
    return Arrays.stream(spaceSeparated.trim().split("\\s+"))
        .map(StatementKind::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(StatementKind.class)));
  }

  static Set<String> names(String spaceSeparated) {
    if (spaceSeparated == null || spaceSeparated.isBlank()) {
      return Set.of();
    }
    return Set.of(spaceSeparated.trim().split("\\s+"));
  }
}
