package io.gatehouse.ssh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {

  private final AtomicLong now = new AtomicLong();
  private final AuthFailureLimiter limiter =
      new AuthFailureLimiter(3, Duration.ofSeconds(10), now::get);
  private final InetAddress a = InetAddress.getLoopbackAddress();

  @Test
  void blocksAfterTheBurstOfFailures() throws Exception {
    InetAddress b = InetAddress.getByName("192.0.2.7");
    limiter.recordFailure(a);
    limiter.recordFailure(a);
    assertFalse(limiter.isBlocked(a), "two of three failures");
    limiter.recordFailure(a);
    assertTrue(limiter.isBlocked(a), "third failure blocks");
    assertFalse(limiter.isBlocked(b), "other sources are unaffected");
  }

  @Test
  void regainsOneAttemptPerRefill() {
    for (int i = 0; i < 3; i++) {
      limiter.recordFailure(a);
    }
    assertEquals(Duration.ofSeconds(10), limiter.retryAfter(a));
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    assertTrue(limiter.isBlocked(a));
    assertEquals(Duration.ofSeconds(6), limiter.retryAfter(a));
    now.addAndGet(Duration.ofSeconds(6).toNanos());
    assertFalse(limiter.isBlocked(a), "one attempt regained");
    limiter.recordFailure(a);
    assertTrue(limiter.isBlocked(a), "and spent again");
  }

  @Test
  void neverExceedsTheBurst() {
    now.addAndGet(Duration.ofHours(1).toNanos());
    limiter.recordFailure(a);
    now.addAndGet(Duration.ofHours(1).toNanos());
    for (int i = 0; i < 3; i++) {
      limiter.recordFailure(a);
    }
    assertTrue(limiter.isBlocked(a), "idle time does not bank more than the burst");
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThrows(
        IllegalArgumentException.class, () -> new AuthFailureLimiter(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new AuthFailureLimiter(1, Duration.ZERO));
  }
}
