package io.gatehouse.control.domain.model.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReviewTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Set<String> REVIEWERS = Set.of("gatehouse-reviewer");

  static Review review(int minApprovals) {
    return new Review(
        new ReviewRequest(
            "s1",
            "alice",
            "orders-prod",
            "review-writes",
            "DELETE FROM orders",
            REVIEWERS,
            minApprovals,
            Duration.ofSeconds(60)),
        NOW);
  }

  @Test
  void approvedWhenEnoughReviewersApprove() {
    Review review = review(1);
    review.approve("bob", REVIEWERS, "ok", NOW.plusSeconds(1));

    assertEquals(ReviewStatus.APPROVED, review.status(), "approved");
    assertEquals("bob", review.decidedBy(), "decided by");
    assertThrows(
        IllegalStateException.class,
        () -> review.approve("carol", REVIEWERS, null, NOW),
        "decided reviews stay decided");
  }

  @Test
  void requesterCannotApproveEvenAsReviewer() {
    Review review = review(1);

    assertThrows(
        IllegalStateException.class,
        () -> review.approve("alice", REVIEWERS, null, NOW),
        "self-approval refused");
    assertEquals(ReviewStatus.PENDING, review.status(), "still pending");
  }

  @Test
  void expiresAtTheTimeout() {
    Review review = review(1);

    assertThrows(
        IllegalStateException.class,
        () -> review.approve("bob", REVIEWERS, null, NOW.plusSeconds(60)),
        "too late to approve");
    assertEquals(ReviewStatus.EXPIRED, review.status(), "expired");
  }

  @Test
  void rejectionNeedsAReviewerOrTheRequester() {
    Review review = review(2);
    assertThrows(
        IllegalStateException.class,
        () -> review.reject("mallory", Set.of("dev"), NOW),
        "outsider cannot reject");
    review.reject("alice", Set.of(), NOW);
    assertEquals(ReviewStatus.REJECTED, review.status(), "requester withdrew");
  }
}
