package io.gatehouse.control.application;

import java.time.Instant;

/** The timers that end grants, and what they do when they fire. */
public interface GrantExpiry {

  /** Arms (persistently) the end of an active grant. */
  void schedule(String grantId, Instant end);

  /** Arms (persistently) the warning that an active grant ends soon. */
  void scheduleWarning(String grantId, Instant at);

  /** Disarms both (the grant ended another way). */
  void cancel(String grantId);
}
