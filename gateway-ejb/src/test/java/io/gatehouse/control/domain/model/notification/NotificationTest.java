package io.gatehouse.control.domain.model.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration BACKOFF = Duration.ofSeconds(5);
  static final Duration MAX = Duration.ofSeconds(30);

  @Test
  void failuresBackOffExponentiallyUpToTheCapThenGiveUp() {
    Notification n = new Notification("grant.approved", "g1", "https://h/", "{}", T0);
    assertTrue(n.claimable(T0), "due at once");
    n.claim(T0.plusSeconds(60));
    assertFalse(n.claimable(T0.plusSeconds(59)), "held by its sender");

    n.failed("HTTP 500", T0, BACKOFF, MAX, 4);
    assertEquals(T0.plusSeconds(5), n.nextAttemptAt(), "first backoff");
    assertFalse(n.claimable(T0.plusSeconds(4)), "not due during the backoff");
    assertTrue(n.claimable(T0.plusSeconds(5)), "due after it; the lease is gone");
    n.failed("HTTP 500", T0, BACKOFF, MAX, 4);
    assertEquals(T0.plusSeconds(10), n.nextAttemptAt(), "doubled");
    n.failed("HTTP 500", T0, BACKOFF, MAX, 4);
    assertEquals(T0.plusSeconds(20), n.nextAttemptAt(), "doubled again");
    assertEquals(NotificationStatus.PENDING, n.status(), "still pending after three tries");
    n.failed("x".repeat(5000), T0, BACKOFF, MAX, 4);
    assertEquals(NotificationStatus.FAILED, n.status(), "given up after the fourth");
    assertEquals(1000, n.lastError().length(), "error text bounded");
    assertFalse(n.claimable(T0.plusSeconds(3600)), "a failed row is never taken again");
  }

  @Test
  void backoffIsCappedAndSuccessClearsTheError() {
    Notification n = new Notification("review.requested", "r1", "https://h/", "{}", T0);
    for (int i = 0; i < 6; i++) {
      n.failed("refused", T0, BACKOFF, MAX, 100);
    }
    assertEquals(T0.plus(MAX), n.nextAttemptAt(), "capped");
    n.postpone(T0.plusSeconds(90));
    assertEquals(6, n.attempts(), "postponing counts no try");
    n.sent(T0.plusSeconds(90));
    assertEquals(NotificationStatus.SENT, n.status(), "sent");
    assertEquals(7, n.attempts(), "the successful try counts");
    assertEquals(null, n.lastError(), "error cleared");
    assertFalse(n.claimable(T0.plusSeconds(100)), "a sent row is never taken again");
  }
}
