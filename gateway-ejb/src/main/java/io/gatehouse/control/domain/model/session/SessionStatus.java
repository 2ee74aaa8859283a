package io.gatehouse.control.domain.model.session;

/** Where a session is in its life. */
public enum SessionStatus {
  ACTIVE,
  CLOSED,
  /** Ended by the gateway: grant expired, revoked, or a reviewer terminated it. */
  TERMINATED,
  /**
   * Ended by an error: the target failed, or the server stopped with it open ({@code server-lost}).
   */
  FAILED;

  /** The status a session ends in, by the data plane's end reason. */
  public static SessionStatus endedBy(String reason) {
    return switch (reason == null ? "" : reason) {
      case "client-closed" -> CLOSED;
      case "terminated", "expired", "idle-timeout", "idle-in-transaction-timeout" -> TERMINATED;
      default -> FAILED;
    };
  }
}
