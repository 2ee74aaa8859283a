package io.gatehouse.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SessionTimeoutsTest {

  @Test
  void thePolicysLimitsWinAndTheServersFillTheGaps() {
    SessionTimeouts server = new SessionTimeouts(3600, 600);
    assertEquals(server, SessionTimeouts.NONE.orElse(server), "no policy limits: the server's");
    assertEquals(
        new SessionTimeouts(60, 600),
        new SessionTimeouts(60, 0).orElse(server),
        "the policy's idle limit, the server's in-transaction one");
    assertEquals(
        new SessionTimeouts(60, 5),
        new SessionTimeouts(60, 5).orElse(server),
        "both from the policy");
    assertEquals(SessionTimeouts.NONE, SessionTimeouts.NONE.orElse(SessionTimeouts.NONE), "none");
  }

  @Test
  void outOfRangeLimitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SessionTimeouts(-1, 0), "negative");
    assertThrows(IllegalArgumentException.class, () -> new SessionTimeouts(0, 86401), "over a day");
  }
}
