package io.gatehouse.connector.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a held statement (or command, or request) stands with its reviewers.
 *
 * @param reviewId the review's id, named to the client so a reviewer can find it
 * @param state pending, or how it was decided
 * @param decideBy when a pending review expires; the client waits at most until then
 * @param decidedBy who decided (the last approver or the rejecting reviewer), or null
 * @param comment the decision's reason, or null
 */
public record ReviewTicket(
    String reviewId, State state, Instant decideBy, String decidedBy, String comment)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A review's state as the data plane sees it. */
  public enum State {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED
  }

  public ReviewTicket {
    Objects.requireNonNull(reviewId, "reviewId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(decideBy, "decideBy");
  }

  public boolean pending() {
    return state == State.PENDING;
  }

  public boolean approved() {
    return state == State.APPROVED;
  }

  /** How the review ended, for the client: "review … was rejected by … (comment)". */
  public String outcomeText() {
    String review = "review " + reviewId;
    return switch (state) {
      case REJECTED ->
          review
              + " was rejected"
              + (decidedBy == null ? "" : " by " + decidedBy)
              + (comment == null || comment.isBlank() ? "" : " (" + comment + ")");
      case EXPIRED -> review + " timed out without a decision";
      default -> review + " is " + state.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
