package io.gatehouse.web.admin.reviews;

import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.DecisionView;
import io.gatehouse.control.application.GrantView;
import io.gatehouse.control.application.ReviewView;
import io.gatehouse.web.admin.Highlight;
import io.gatehouse.web.admin.Times;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One thing waiting for a decision, as the inbox shows it: a held statement or command (a review)
 * or a request for a grant. {@code blockedBecause} is why the viewer may not approve it (their own
 * request, or already approved by them), or null.
 */
public record InboxItem(
    String kind,
    String id,
    String requester,
    String connection,
    String ruleId,
    String subject,
    List<Highlight.Piece> highlighted,
    String requestedAt,
    String expires,
    String approvals,
    String blockedBecause)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String REVIEW = "review";
  public static final String GRANT = "grant";

  static InboxItem of(ReviewView r, Caller viewer, Instant now) {
    return new InboxItem(
        REVIEW,
        r.id(),
        r.requester(),
        r.connection(),
        r.ruleId(),
        r.subject(),
        Highlight.of(r.subject()),
        Times.format(r.requestedAt()),
        r.expiresAt() == null ? "" : "decide within " + Times.between(now, r.expiresAt()),
        r.approvals().size() + " of " + r.minApprovals(),
        r.approverGroups().stream().anyMatch(viewer.groups()::contains)
            ? blockedBecause(r.requester(), r.approvals(), viewer)
            : "Approving needs one of the groups " + String.join(", ", r.approverGroups()) + ".");
  }

  static InboxItem of(GrantView g, Caller viewer) {
    return new InboxItem(
        GRANT,
        g.id(),
        g.identity(),
        g.connection(),
        null,
        g.reason(),
        Highlight.of(g.reason()),
        Times.format(g.requestedAt()),
        "for " + Times.between(Instant.EPOCH, Instant.ofEpochSecond(g.durationSeconds())),
        g.approvals().size() + " of " + g.minApprovals(),
        blockedBecause(g.identity(), g.approvals(), viewer));
  }

  private static String blockedBecause(
      String requester, List<DecisionView> approvals, Caller viewer) {
    if (viewer.name().equals(requester)) {
      return "This is your own request: someone else has to approve it.";
    }
    if (approvals.stream().anyMatch(a -> viewer.name().equals(a.by()))) {
      return "You have approved this already; it needs another approver.";
    }
    return null;
  }

  public boolean isReview() {
    return REVIEW.equals(kind);
  }

  public boolean mayApprove() {
    return blockedBecause == null;
  }
}
