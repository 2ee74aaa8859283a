package io.gatehouse.policy;

import java.util.List;

/**
 * Who approves held work and how long a client waits.
 *
 * @param approverGroups who may approve
 * @param minApprovals approvals needed, 1-5
 * @param timeoutSeconds how long a client waits for a decision, 1-3600
 * @param approvalWindowSeconds how long an approval lets the same work run again, 0-86400
 */
public record ReviewSettings(
    List<String> approverGroups, int minApprovals, int timeoutSeconds, int approvalWindowSeconds) {

  public static final ReviewSettings DEFAULT =
      new ReviewSettings(List.of("gatehouse-reviewer"), 1, 60, 300);

  public ReviewSettings {
    approverGroups = List.copyOf(approverGroups);
    if (approverGroups.isEmpty()) {
      throw new IllegalArgumentException("approverGroups must not be empty");
    }
    checkRange("minApprovals", minApprovals, 1, 5);
    checkRange("timeoutSeconds", timeoutSeconds, 1, 3600);
    checkRange("approvalWindowSeconds", approvalWindowSeconds, 0, 86400);
  }

  private static void checkRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + "-" + max);
    }
  }
}
