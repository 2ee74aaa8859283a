package io.gatehouse.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy document that does not validate, with every problem found in it. */
public class PolicyValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public PolicyValidationException(List<Violation> violations) {
    super(
        "Invalid policy: "
            + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
