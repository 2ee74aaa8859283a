package io.gatehouse.web.proxy;

import io.gatehouse.connector.api.ReviewTicket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Holds a request a {@code review} rule sends to review: the caller's HTTP request stays open
 * (kubectl and HTTP clients simply wait) while the control plane's review is pending, polled every
 * {@link #POLL}; at most until the review's {@code decideBy} (plus a little grace for the clocks).
 * Approved: the request is forwarded with the masking the policy would apply. Rejected or expired:
 * a 403 naming the review and how it ended.
 */
final class ReviewHold {

  private static final Logger LOG = Logger.getLogger(ReviewHold.class.getName());
  static final Duration POLL = Duration.ofMillis(250);
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final ProxyReviews reviews;

  ReviewHold(ProxyReviews reviews) {
    this.reviews = reviews;
  }

  /** The review's outcome, with the ticket for the recording. */
  record Outcome(ProxyDecision decision, ReviewTicket ticket) {}

  Outcome await(ProxyTarget target, ProxyRequest request, ProxyDecision held)
      throws ProxyDeniedException {
    ReviewTicket asked = reviews.request(target, subject(request), held.ruleId());
    if (asked == null) {
      return new Outcome(held, null);
    }
    ReviewTicket ticket = asked;
    Instant callerGivesUp = callerDeadline(request, Instant.now());
    if (asked.pending()) {
      LOG.info(
          () ->
              "session="
                  + target.sessionId()
                  + " "
                  + request.describe()
                  + " held for review "
                  + asked.reviewId()
                  + " until "
                  + asked.decideBy());
      ticket = poll(ticket, callerGivesUp);
    }
    ReviewTicket decided = ticket;
    LOG.info(
        () ->
            "session="
                + target.sessionId()
                + " review "
                + decided.reviewId()
                + " "
                + decided.state().name().toLowerCase(Locale.ROOT)
                + (decided.decidedBy() == null ? "" : " by " + decided.decidedBy()));
    if (ticket.approved()) {
      return new Outcome(
          new ProxyDecision(
              ProxyDecision.Action.ALLOW,
              held.ruleId(),
              held.message(),
              ticket.reviewId(),
              held.maskPaths(),
              held.masker(),
              held.contentMasker()),
          ticket);
    }
    return new Outcome(
        new ProxyDecision(
            ProxyDecision.Action.REVIEW,
            held.ruleId(),
            join(held.message(), ticket.outcomeText()),
            ticket.reviewId(),
            List.of(),
            held.masker(),
            null),
        ticket);
  }

  private ReviewTicket poll(ReviewTicket ticket, Instant callerGivesUp)
      throws ProxyDeniedException {
    Instant giveUp = ticket.decideBy().plus(GRACE);
    ReviewTicket current = ticket;
    while (current.pending() && Instant.now().isBefore(giveUp)) {
      if (callerGivesUp != null && !Instant.now().isBefore(callerGivesUp)) {
        // The caller stops waiting then (kubectl --request-timeout): forwarding an approval that
        // comes later would run work nobody waits for.
        throw new ProxyDeniedException(
            504,
            "review "
                + ticket.reviewId()
                + " is still pending and the request's timeout has passed; retry once it is"
                + " approved");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProxyDeniedException(
            503, "the gateway stopped waiting for review " + ticket.reviewId());
      }
      try {
        current = reviews.status(ticket.reviewId());
      } catch (RuntimeException e) {
        // The control plane is briefly unavailable: keep waiting until the review's time is up.
        LOG.fine(() -> "review status of " + ticket.reviewId() + ": " + e.getMessage());
      }
    }
    if (current.pending()) {
      return new ReviewTicket(
          current.reviewId(), ReviewTicket.State.EXPIRED, current.decideBy(), null, null);
    }
    return current;
  }

  /**
   * When the caller stops waiting: the {@code timeout} query parameter Kubernetes clients send with
   * {@code --request-timeout} (a Go duration such as {@code 20s} or {@code 1m30s}), less a second;
   * null when there is none (kubectl's default: wait as long as it takes).
   */
  static Instant callerDeadline(ProxyRequest request, Instant now) {
    List<String> timeout = request.query().getOrDefault("timeout", List.of());
    if (timeout.size() != 1) {
      return null;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)").matcher(timeout.get(0));
    double seconds = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      seconds +=
          switch (m.group(2)) {
            case "h" -> n * 3600;
            case "m" -> n * 60;
            case "ms" -> n / 1000;
            default -> n;
          };
      end = m.end();
    }
    if (end == 0 || end != timeout.get(0).length()) {
      return null;
    }
    return now.plusMillis(Math.max(0, (long) (seconds * 1000) - 1000));
  }

  /**
   * What reviewers see and what an approval covers: the method and path, the Kubernetes meaning,
   * and for exec/attach the command (the query string is otherwise left out: it may carry secrets).
   */
  static String subject(ProxyRequest request) {
    StringBuilder s = new StringBuilder(request.method()).append(' ').append(request.path());
    if (request.kubernetes() != null) {
      s.append(" (").append(request.kubernetes().describe()).append(')');
      List<String> command = request.query().getOrDefault("command", List.of());
      if (!command.isEmpty()) {
        s.append(" command: ").append(String.join(" ", command));
      }
    }
    return s.toString();
  }

  private static String join(String message, String why) {
    return message == null || message.isBlank() ? why : message + "; " + why;
  }
}
