package io.gatehouse.connector.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * Work the data plane holds for review.
 *
 * @param sessionId the session it belongs to
 * @param identity who sent it (from the session plan)
 * @param connection the connection it was sent on
 * @param subject what is held, exactly as the client sent it (statement text, command line)
 * @param ruleId the rule that asked for review, or null when the policy's default did
 */
public record ReviewRequestInfo(
    String sessionId, String identity, String connection, String subject, String ruleId)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public ReviewRequestInfo {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(subject, "subject");
  }

  @Override
  public String toString() {
    return "ReviewRequestInfo[" + sessionId + " " + identity + " on " + connection + "]";
  }
}
