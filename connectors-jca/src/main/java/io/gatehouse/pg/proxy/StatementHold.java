package io.gatehouse.pg.proxy;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.pg.wire.BackendEncoder;
import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.recording.JsonText;
import io.gatehouse.review.ReviewPoll;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Holds a statement the policy sends to review: asks the control plane for a review, tells the
 * client it is waiting (a NoticeResponse naming the review), and polls until reviewers decide or
 * the review's time is up. Only the client-to-backend direction waits; results of earlier
 * statements keep flowing back meanwhile.
 */
final class StatementHold {

  private static final Logger LOG = Logger.getLogger(StatementHold.class.getName());

  private final PgEnvironment.Reviews reviews;
  private final SessionPlan plan;
  private final PgSessionState state;
  private final ClientOutput client;

  StatementHold(
      PgEnvironment.Reviews reviews, SessionPlan plan, PgSessionState state, ClientOutput client) {
    this.reviews = reviews;
    this.plan = plan;
    this.state = state;
    this.client = client;
  }

  /**
   * Waits for the review of {@code sql}; returns an allowing verdict when approved, else a review
   * verdict whose message names the review and its outcome (the statement is then refused).
   *
   * @param clientGone polled while waiting: a client that left (or a terminated session) ends the
   *     wait with an IOException, so an approval never runs work nobody waits for
   */
  Verdict await(String sql, Verdict held, BooleanSupplier clientGone) throws IOException {
    if (reviews == null) {
      return held;
    }
    ReviewTicket ticket;
    try {
      ticket =
          reviews.request(
              new ReviewRequestInfo(
                  plan.sessionId(), plan.identity(), plan.connection(), sql, held.ruleId()));
    } catch (AccessDeniedException | RuntimeException e) {
      LOG.warning(() -> "Session " + plan.sessionId() + ": no review: " + e.getMessage());
      return refused(held, "a review could not be requested (" + e.getMessage() + ")");
    }
    if (ticket.pending()) {
      long seconds = Math.max(1, Duration.between(Instant.now(), ticket.decideBy()).toSeconds());
      client.send(
          BackendEncoder.noticeResponse(
              ErrorFields.of(
                  "NOTICE",
                  "00000",
                  "Gatehouse: waiting for review "
                      + ticket.reviewId()
                      + " ("
                      + rule(held)
                      + "); a reviewer has up to "
                      + seconds
                      + " s to approve the statement")));
      ticket = poll(ticket, clientGone);
    }
    record(ticket, held);
    if (ticket.approved()) {
      return new Verdict(Verdict.Outcome.ALLOW, held.ruleId(), null, held.kinds());
    }
    return refused(held, ticket.outcomeText());
  }

  private ReviewTicket poll(ReviewTicket ticket, BooleanSupplier clientGone) throws IOException {
    ReviewTicket decided;
    try {
      decided = ReviewPoll.untilDecided(reviews::status, ticket, clientGone);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for review " + ticket.reviewId(), e);
    }
    if (decided == null) {
      record(ticket.reviewId(), "abandoned", null);
      throw new IOException("the client left while review " + ticket.reviewId() + " was open");
    }
    return decided;
  }

  private void record(ReviewTicket ticket, Verdict held) throws IOException {
    String outcome =
        ticket.state().name().toLowerCase(Locale.ROOT)
            + (ticket.decidedBy() == null ? "" : " by " + ticket.decidedBy());
    state.record(
        "review",
        "{\"review\":"
            + JsonText.quote(ticket.reviewId())
            + ",\"outcome\":"
            + JsonText.quote(ticket.state().name().toLowerCase(Locale.ROOT))
            + ",\"by\":"
            + (ticket.decidedBy() == null ? "null" : JsonText.quote(ticket.decidedBy()))
            + "}",
        held);
    LOG.info(() -> "Session " + plan.sessionId() + ": review " + ticket.reviewId() + " " + outcome);
  }

  private void record(String reviewId, String outcome, Verdict held) throws IOException {
    state.record(
        "review",
        "{\"review\":"
            + JsonText.quote(reviewId)
            + ",\"outcome\":"
            + JsonText.quote(outcome)
            + ",\"by\":null}",
        held);
    LOG.info(() -> "Session " + plan.sessionId() + ": review " + reviewId + " " + outcome);
  }

  private static Verdict refused(Verdict held, String why) {
    String message =
        held.message() == null || held.message().isBlank() ? why : held.message() + "; " + why;
    return new Verdict(Verdict.Outcome.REVIEW, held.ruleId(), message, held.kinds());
  }

  private static String rule(Verdict verdict) {
    return verdict.ruleId() == null ? "the policy's default" : "rule \"" + verdict.ruleId() + "\"";
  }
}
