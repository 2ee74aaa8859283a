package io.gatehouse.review;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.ReviewTicket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/** Waits for reviewers to decide a pending review, polling the control plane. */
public final class ReviewPoll {

  /** How often the control plane is asked. */
  public static final Duration POLL = Duration.ofMillis(250);

  // The control plane expires a review at decideBy; allow for the clocks and the last poll.
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Logger LOG = Logger.getLogger(ReviewPoll.class.getName());

  /** Where a review stands now. */
  @FunctionalInterface
  public interface Status {
    ReviewTicket status(String reviewId) throws AccessDeniedException;
  }

  private ReviewPoll() {}

  /**
   * Polls until the review is decided or its time is up (then it is {@code EXPIRED}); a control
   * plane that is briefly unreachable is asked again.
   *
   * @param gone polled between polls: true ends the wait
   * @return the decided ticket, or null when {@code gone} ended the wait
   */
  public static ReviewTicket untilDecided(Status status, ReviewTicket ticket, BooleanSupplier gone)
      throws InterruptedException {
    Instant giveUp = ticket.decideBy().plus(GRACE);
    ReviewTicket current = ticket;
    while (current.pending() && Instant.now().isBefore(giveUp)) {
      Thread.sleep(POLL.toMillis());
      if (gone.getAsBoolean()) {
        return null;
      }
      try {
        current = status.status(ticket.reviewId());
      } catch (AccessDeniedException | RuntimeException e) {
        LOG.fine(() -> "review status of " + ticket.reviewId() + ": " + e.getMessage());
      }
    }
    if (current.pending()) {
      return new ReviewTicket(
          current.reviewId(), ReviewTicket.State.EXPIRED, current.decideBy(), null, null);
    }
    return current;
  }
}
