package io.gatehouse.ssh.gateway;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.recording.JsonText;
import io.gatehouse.review.ReviewPoll;
import io.gatehouse.ssh.relay.Decision;
import io.gatehouse.ssh.relay.GatewayNotices;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Holds an SSH command (an exec line or a shell line) that the policy sends to review, as the
 * PostgreSQL path holds a statement: asks the control plane for a review, tells the user it is
 * waiting for review N, and polls until reviewers decide, the review's time is up or the user
 * leaves. An approval covers exactly this command line, for this identity on this connection.
 */
final class CommandHold {

  private static final Logger LOG = Logger.getLogger(CommandHold.class.getName());
  private static final String ABANDONED = "abandoned";

  private final SshGateway.Reviews reviews;
  private final SshSessionState state;

  CommandHold(SshGateway.Reviews reviews, SshSessionState state) {
    this.reviews = reviews;
    this.state = state;
  }

  /**
   * Waits for the review of {@code commandLine}; returns an allowing decision when approved, else
   * the held decision with a message naming the review and its outcome.
   *
   * @param tell shows a line to the user (stderr of an exec, the terminal of a shell)
   * @param gone polled while waiting: true when the user left or cancelled
   */
  Decision await(String commandLine, Decision held, Consumer<String> tell, BooleanSupplier gone)
      throws IOException {
    if (reviews == null) {
      return refused(held, "this gateway has no review service");
    }
    ReviewTicket ticket;
    try {
      ticket =
          reviews.request(
              new ReviewRequestInfo(
                  state.plan().sessionId(),
                  state.plan().identity(),
                  state.plan().connection(),
                  commandLine,
                  held.ruleId()));
    } catch (AccessDeniedException | RuntimeException e) {
      LOG.warning(() -> "Session " + state.plan().sessionId() + ": no review: " + e.getMessage());
      return refused(held, "a review could not be requested (" + e.getMessage() + ")");
    }
    if (ticket.pending()) {
      long seconds = Math.max(1, Duration.between(Instant.now(), ticket.decideBy()).toSeconds());
      tell.accept(
          GatewayNotices.HELD
              + ticket.reviewId()
              + " ("
              + rule(held)
              + "); a reviewer has up to "
              + seconds
              + " s to approve it");
      ticket = poll(ticket, gone);
    }
    record(
        ticket.reviewId(),
        ABANDONED.equals(ticket.comment()) && ticket.decidedBy() == null
            ? ABANDONED
            : ticket.state().name().toLowerCase(Locale.ROOT),
        ticket.decidedBy());
    if (ticket.approved()) {
      tell.accept(
          "gatehouse: review "
              + ticket.reviewId()
              + " approved"
              + (ticket.decidedBy() == null ? "" : " by " + ticket.decidedBy()));
      return new Decision(true, "", held.ruleId(), "allow");
    }
    return refused(held, outcome(ticket));
  }

  private ReviewTicket poll(ReviewTicket ticket, BooleanSupplier gone) throws IOException {
    try {
      ReviewTicket decided = ReviewPoll.untilDecided(reviews::status, ticket, gone);
      return decided != null
          ? decided
          : new ReviewTicket(
              ticket.reviewId(), ReviewTicket.State.EXPIRED, ticket.decideBy(), null, ABANDONED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for review " + ticket.reviewId(), e);
    }
  }

  private void record(String reviewId, String outcome, String by) throws IOException {
    state.record(
        "review",
        "{\"review\":"
            + JsonText.quote(reviewId)
            + ",\"outcome\":"
            + JsonText.quote(outcome)
            + ",\"by\":"
            + (by == null ? "null" : JsonText.quote(by))
            + ",\"t\":"
            + state.offset()
            + "}",
        "review",
        null);
    LOG.info(() -> "Session " + state.plan().sessionId() + ": review " + reviewId + " " + outcome);
  }

  private static String outcome(ReviewTicket ticket) {
    return ABANDONED.equals(ticket.comment()) && ticket.decidedBy() == null
        ? "review " + ticket.reviewId() + " was abandoned (cancelled, or the client left)"
        : ticket.outcomeText();
  }

  private static Decision refused(Decision held, String why) {
    return new Decision(false, held.message() + "; " + why, held.ruleId(), "review");
  }

  private static String rule(Decision held) {
    return held.ruleId() == null ? "the policy's default" : "rule " + held.ruleId();
  }
}
