package io.gatehouse.connector.api;

/** Access refused; the message says why and is safe to show the client. */
public class AccessDeniedException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why, for protocols that map reasons to codes (PostgreSQL 28000 vs 28P01). */
  public enum Reason {
    /** The token is missing, malformed, forged, expired or for someone else. */
    INVALID_CREDENTIAL,
    /** No connection of that name (or not of this protocol). */
    UNKNOWN_CONNECTION,
    /** The identity is valid but neither its groups nor a grant give access. */
    NOT_PERMITTED,
    /** The control plane cannot decide now (store down). */
    UNAVAILABLE
  }

  private final Reason reason;

  public AccessDeniedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * The refusal for a control-plane call that failed unexpectedly, typically because its store is
   * unreachable: {@code UNAVAILABLE}, naming the root cause's type (never its message or stack,
   * which may describe internals), with {@code failure} as the cause for the log.
   */
  public static AccessDeniedException controlPlaneFailed(RuntimeException failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    AccessDeniedException refusal =
        new AccessDeniedException(
            Reason.UNAVAILABLE,
            "the control plane cannot decide now ("
                + root.getClass().getSimpleName()
                + "; is its store reachable?); try again later");
    refusal.initCause(failure);
    return refusal;
  }
}
