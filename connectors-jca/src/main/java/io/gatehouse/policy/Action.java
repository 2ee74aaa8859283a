package io.gatehouse.policy;

import java.util.Locale;
import java.util.Optional;

/** What happens to a statement, command or request. */
public enum Action {
  ALLOW,
  BLOCK,
  /** Held until a reviewer decides. */
  REVIEW;

  public String policyName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Action> fromPolicyName(String name) {
    for (Action action : values()) {
      if (action.policyName().equals(name)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
