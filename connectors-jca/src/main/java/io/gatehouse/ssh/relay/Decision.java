package io.gatehouse.ssh.relay;

import java.util.Objects;

/**
 * A guard's verdict.
 *
 * @param allowed whether the request may proceed
 * @param message shown to the client when denied (names the rule; never a secret)
 * @param ruleId the policy rule that decided, or null (default action, built-in refusal)
 * @param outcome {@code allow}, {@code block} or {@code review}, as recorded
 */
public record Decision(boolean allowed, String message, String ruleId, String outcome) {

  private static final Decision ALLOW = new Decision(true, "", null, "allow");

  public Decision {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(outcome, "outcome");
  }

  public Decision(boolean allowed, String message) {
    this(allowed, message, null, allowed ? "allow" : "block");
  }

  public static Decision allow() {
    return ALLOW;
  }

  public static Decision deny(String message) {
    return new Decision(false, message);
  }
}
