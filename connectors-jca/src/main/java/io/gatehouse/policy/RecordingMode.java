package io.gatehouse.policy;

import java.util.Locale;
import java.util.Optional;

/** What happens when an event cannot be recorded durably. */
public enum RecordingMode {
  /** What cannot be recorded durably is not forwarded. */
  STRICT,
  /** Work goes on, events spool locally, the session is marked. */
  BEST_EFFORT;

  public String policyName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<RecordingMode> fromPolicyName(String name) {
    for (RecordingMode mode : values()) {
      if (mode.policyName().equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
