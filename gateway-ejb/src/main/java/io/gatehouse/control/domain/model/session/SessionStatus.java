package io.gatehouse.control.domain.model.session;

/** Where a session is in its life. */
public enum SessionStatus {
  ACTIVE,
  CLOSED,
  /** Ended by the gateway: grant expired, revoked, or a reviewer terminated it. */
  TERMINATED,
  FAILED
}
