package io.gatehouse.control.domain.model.review;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** What a held piece of work asks reviewers to decide on. */
public record ReviewRequest(
    String sessionId,
    String requester,
    String connectionName,
    String ruleId,
    String subject,
    Set<String> approverGroups,
    int minApprovals,
    Duration timeout) {

  public ReviewRequest {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(connectionName, "connectionName");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(subject, "subject");
    approverGroups = Set.copyOf(approverGroups);
    if (approverGroups.isEmpty()) {
      throw new IllegalArgumentException("a review needs approver groups");
    }
    if (minApprovals < 1 || minApprovals > 5) {
      throw new IllegalArgumentException("minApprovals must be 1-5");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }
}
