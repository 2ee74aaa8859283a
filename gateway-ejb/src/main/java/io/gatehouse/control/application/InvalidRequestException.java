package io.gatehouse.control.application;

import io.gatehouse.policy.Violation;
import jakarta.ejb.ApplicationException;
import java.util.List;

/** A request that cannot be applied, with every field at fault. Rolls the transaction back. */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public InvalidRequestException(String message, List<Violation> violations) {
    super(message);
    this.violations = List.copyOf(violations);
  }

  public InvalidRequestException(String message, String pointer, String problem) {
    this(message, List.of(new Violation(pointer, problem)));
  }

  public List<Violation> violations() {
    return violations;
  }
}
