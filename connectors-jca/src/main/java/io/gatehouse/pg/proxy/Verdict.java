package io.gatehouse.pg.proxy;

import java.util.Objects;

/**
 * What the policy decided for one statement (or one simple query with several statements).
 *
 * @param outcome allow, block or review
 * @param ruleId the deciding rule, or null when the default applied or (with a message) the gateway
 *     itself refused, as for SQL it cannot analyse
 * @param message for the client when not allowed
 * @param kinds what the statement does, for the recording (e.g. "SELECT,DELETE")
 */
public record Verdict(Outcome outcome, String ruleId, String message, String kinds) {

  /** The three things a policy can say. */
  public enum Outcome {
    ALLOW,
    BLOCK,
    REVIEW
  }

  public Verdict {
    Objects.requireNonNull(outcome, "outcome");
  }

  public static Verdict allow(String kinds) {
    return new Verdict(Outcome.ALLOW, null, null, kinds);
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOW;
  }
}
