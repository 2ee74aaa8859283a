package io.gatehouse.control.domain.model.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewaySessionTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void countsAndEndsOnce() {
    GatewaySession s =
        new GatewaySession("alice", List.of("dba"), "orders-prod", Protocol.POSTGRES, null, NOW);
    s.count(false, false);
    s.count(true, false);
    s.end(SessionStatus.CLOSED, "client disconnected", NOW.plusSeconds(5));

    assertEquals(2, s.statementCount(), "statements");
    assertEquals(1, s.blockedCount(), "blocked");
    assertEquals(SessionStatus.CLOSED, s.status(), "closed");
    assertThrows(IllegalStateException.class, () -> s.count(false, false), "ended sessions");
    assertThrows(
        IllegalStateException.class,
        () -> s.end(SessionStatus.TERMINATED, "again", NOW.plusSeconds(6)),
        "ends once");
  }

  @Test
  void eventsAreNumberedFromOne() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SessionEvent("s", 0, NOW, "statement", "{}", "allow", null, null, null),
        "sequence 0");
  }

  @Test
  void aTerminationRequestLastsWhileTheSessionRuns() {
    GatewaySession s =
        new GatewaySession("alice", List.of("dba"), "orders-prod", Protocol.POSTGRES, null, NOW);
    assertEquals(java.util.Optional.empty(), s.terminationRequested());
    assertThrows(IllegalArgumentException.class, () -> s.requestTermination(" "));
    s.requestTermination("session terminated by rita: incident");
    assertEquals(
        java.util.Optional.of("session terminated by rita: incident"), s.terminationRequested());
    s.end(SessionStatus.TERMINATED, "session terminated by rita: incident", NOW.plusSeconds(1));
    assertEquals(java.util.Optional.empty(), s.terminationRequested());
    assertThrows(IllegalStateException.class, () -> s.requestTermination("again"));
  }
}
