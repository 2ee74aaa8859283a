package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import io.gatehouse.control.domain.model.policy.PolicyRecord;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import io.gatehouse.policy.ReviewSettings;

/** A connection's review settings: its policy's {@code review}, or the defaults. */
final class ReviewPolicies {

  private ReviewPolicies() {}

  static ReviewSettings of(
      ConnectionRepository connections, PolicyRepository policies, String connectionName) {
    Connection connection =
        connections
            .find(connectionName)
            .orElseThrow(
                () ->
                    new ResourceNotFoundException("No connection named '" + connectionName + "'"));
    if (connection.policyName() == null) {
      return ReviewSettings.DEFAULT;
    }
    return policies
        .find(connection.policyName())
        .map(PolicyRecord::policy)
        .map(p -> p.review())
        .orElse(ReviewSettings.DEFAULT);
  }

  static boolean approver(java.util.Set<String> groups, ReviewSettings settings) {
    return settings.approverGroups().stream().anyMatch(groups::contains);
  }
}
