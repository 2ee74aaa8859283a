package io.gatehouse.ssh.relay;

/**
 * The lines the gateway writes on an exec channel's stderr about the channel itself, as opposed to
 * the target's own output: a client that runs commands for someone else (the exec API) reads them
 * to tell a refusal, a hold or an unreachable target from what the command printed.
 */
public final class GatewayNotices {

  /**
   * A client that sets this environment variable on its channel (any value) is first told the
   * recorded session's id, as the line {@link #SESSION}{@code <id>} on stderr.
   */
  public static final String SESSION_ID_ENV = "GATEHOUSE_SESSION_ID";

  /** Followed by the recorded session's id. */
  public static final String SESSION = "gatehouse: session ";

  /** Followed by the guard's reason (naming the rule); the exit status is 126. */
  public static final String DENIED = "gatehouse: denied: ";

  /** Followed by the review's id: a review rule holds the command. */
  public static final String HELD = "gatehouse: waiting for review ";

  /** Followed by why the target cannot be reached; the exit status is 255. */
  public static final String TARGET_UNAVAILABLE = "gatehouse: target unavailable: ";

  private GatewayNotices() {}
}
