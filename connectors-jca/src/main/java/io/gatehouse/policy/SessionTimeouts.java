package io.gatehouse.policy;

/**
 * A policy's {@code timeouts}: how long a session may sit idle at the gateway before it is ended.
 * Zero turns a limit off.
 *
 * @param idleSeconds a session with no statement running and no transaction open, 0-86400
 * @param idleInTransactionSeconds a session idle inside an open (or failed) transaction, 0-86400
 */
public record SessionTimeouts(int idleSeconds, int idleInTransactionSeconds) {

  public static final int MAX_SECONDS = 86400;

  /** No limits. */
  public static final SessionTimeouts NONE = new SessionTimeouts(0, 0);

  /** Each limit this one leaves off (0) taken from {@code defaults}. */
  public SessionTimeouts orElse(SessionTimeouts defaults) {
    return new SessionTimeouts(
        idleSeconds > 0 ? idleSeconds : defaults.idleSeconds(),
        idleInTransactionSeconds > 0
            ? idleInTransactionSeconds
            : defaults.idleInTransactionSeconds());
  }

  public SessionTimeouts {
    if (idleSeconds < 0 || idleSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException("idleSeconds must be 0-" + MAX_SECONDS);
    }
    if (idleInTransactionSeconds < 0 || idleInTransactionSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException("idleInTransactionSeconds must be 0-" + MAX_SECONDS);
    }
  }
}
