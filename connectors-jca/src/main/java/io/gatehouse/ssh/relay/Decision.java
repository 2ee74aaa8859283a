package io.gatehouse.ssh.relay;

import java.util.Objects;

/**
 * A guard's verdict.
 *
 * @param allowed whether the request may proceed
 * @param message shown to the client when denied (names the rule; never a secret)
 */
public record Decision(boolean allowed, String message) {

  private static final Decision ALLOW = new Decision(true, "");

  public Decision {
    Objects.requireNonNull(message, "message");
  }

  public static Decision allow() {
    return ALLOW;
  }

  public static Decision deny(String message) {
    return new Decision(false, message);
  }
}
