package io.gatehouse.web.api.connections.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One connection's bulkhead or breaker never refuses another connection. */
class ConnectionGuardsTest {

  private final ConnectionGuards guards = new ConnectionGuards();
  private Instant now = Instant.parse("2026-12-03T09:00:00Z");

  @BeforeEach
  void configure() {
    guards.concurrent = 2;
    guards.failures = 3;
    guards.openSeconds = 30;
    guards.clock = Clock.fixed(now, ZoneOffset.UTC);
  }

  private void at(Instant instant) {
    now = instant;
    guards.clock = Clock.fixed(now, ZoneOffset.UTC);
  }

  @Test
  void aFullBulkheadRefusesOnlyItsConnection() throws Exception {
    ConnectionGuards.Lease a1 = guards.enter("a");
    ConnectionGuards.Lease a2 = guards.enter("a");
    ConnectionGuards.Refused full =
        assertThrows(ConnectionGuards.Refused.class, () -> guards.enter("a"));
    assertTrue(
        full.getMessage().contains("\"a\" is busy: the most exec calls it may run at once (2,"),
        full.getMessage());
    assertEquals(1, full.retryAfterSeconds());
    guards.enter("b").close();
    a1.close();
    a1.close(); // twice releases once
    guards.enter("a").close();
    a2.close();
  }

  @Test
  void aDownTargetOpensOnlyItsBreakerThenOneTrialDecides() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (ConnectionGuards.Lease lease = guards.enter("down")) {
        lease.unreachable();
      }
    }
    ConnectionGuards.Refused open =
        assertThrows(ConnectionGuards.Refused.class, () -> guards.enter("down"));
    assertTrue(open.getMessage().contains("refused for 30 s"), open.getMessage());
    assertEquals(30, open.retryAfterSeconds());
    try (ConnectionGuards.Lease other = guards.enter("up")) {
      other.reached();
    }

    at(now.plusSeconds(31));
    ConnectionGuards.Lease trial = guards.enter("down");
    assertThrows(ConnectionGuards.Refused.class, () -> guards.enter("down"), "one trial at a time");
    trial.unreachable();
    trial.close();
    assertThrows(ConnectionGuards.Refused.class, () -> guards.enter("down"), "open again");

    at(now.plusSeconds(31));
    try (ConnectionGuards.Lease again = guards.enter("down")) {
      again.reached();
    }
    guards.enter("down").close();
    guards.enter("down").close();
  }
}
