package io.gatehouse.control.domain.model.review;

import java.util.Collection;
import java.util.List;

/** The rules every approval follows, for reviews and grants alike. */
public final class Approvals {

  private Approvals() {}

  /** Refuses a self-approval, a second approval by the same person, or a non-approver. */
  public static void check(
      String requester,
      String approver,
      Collection<String> approverGroups,
      Collection<String> allowedGroups,
      List<Approval> existing) {
    if (approver == null || approver.isBlank()) {
      throw new IllegalArgumentException("approver is required");
    }
    if (approver.equals(requester)) {
      throw new IllegalStateException("the requester cannot approve their own request");
    }
    if (allowedGroups.stream().noneMatch(approverGroups::contains)) {
      throw new IllegalStateException(approver + " is not in an approver group " + allowedGroups);
    }
    if (existing.stream().anyMatch(a -> a.approver().equals(approver))) {
      throw new IllegalStateException(approver + " has already approved");
    }
  }
}
