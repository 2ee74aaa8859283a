package io.gatehouse.masking;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One masking rule of a policy: whole values of matching columns, or what a detector finds
 * (optionally only in matching columns), rewritten by a strategy.
 *
 * @param id unique in its policy
 * @param columns globs over {@code table.column} or {@code column}; empty means every column
 * @param detector the content detector, if any
 * @param strategy how to rewrite what is masked
 */
public record MaskingRule(
    String id, List<String> columns, Optional<DetectorKind> detector, MaskStrategy strategy) {

  public MaskingRule {
    Objects.requireNonNull(id, "id");
    columns = List.copyOf(columns);
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(strategy, "strategy");
    if (columns.isEmpty() && detector.isEmpty()) {
      throw new IllegalArgumentException("masking rule " + id + " needs columns or a detector");
    }
  }
}
