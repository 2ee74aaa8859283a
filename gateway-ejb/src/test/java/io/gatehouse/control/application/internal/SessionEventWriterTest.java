package io.gatehouse.control.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.Protocol;
import io.gatehouse.control.domain.model.session.SessionStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stored session-end ends its session, whether or not the data plane's close call arrived. */
class SessionEventWriterTest {

  private static final Instant START = Instant.parse("2026-12-03T09:00:00Z");

  private static GatewaySession session(Protocol protocol) {
    return new GatewaySession("alice", List.of("dev"), "pg-prod", protocol, "127.0.0.1", START);
  }

  private static RecordedEvent end(GatewaySession session, Instant at, String payload) {
    return new RecordedEvent(session.id(), 7, at, "session-end", payload, null, null, "00", "11");
  }

  @Test
  void aServerLostEndFailsTheSessionAtTheEventsTime() {
    GatewaySession s = session(Protocol.POSTGRES);
    Instant at = START.plusSeconds(90);
    SessionEventWriter.endFromEvent(
        s, end(s, at, "{\"reason\":\"server-lost\",\"detail\":\"x\",\"lastEventAt\":\"y\"}"));
    assertEquals(SessionStatus.FAILED, s.status());
    assertEquals("server-lost", s.endReason());
    assertEquals(at, s.endedAt());
  }

  @Test
  void aClientCloseRecordedButNeverReportedClosesWithTheRecordedCounts() {
    GatewaySession s = session(Protocol.POSTGRES);
    SessionEventWriter.endFromEvent(
        s,
        end(
            s,
            START.plusSeconds(5),
            "{\"reason\":\"client-closed\",\"statements\":12,\"blocked\":2,\"rows\":40}"));
    assertEquals(SessionStatus.CLOSED, s.status());
    assertEquals(12, s.statementCount());
    assertEquals(2, s.blockedCount());
  }

  @Test
  void sshCountsCommands() {
    GatewaySession s = session(Protocol.SSH);
    SessionEventWriter.endFromEvent(
        s, end(s, START.plusSeconds(5), "{\"reason\":\"expired\",\"commands\":3,\"blocked\":1}"));
    assertEquals(SessionStatus.TERMINATED, s.status());
    assertEquals(3, s.statementCount());
  }

  @Test
  void aSessionAlreadyEndedKeepsHowItEnded() {
    GatewaySession s = session(Protocol.POSTGRES);
    s.end(SessionStatus.TERMINATED, "terminated", START.plusSeconds(3));
    SessionEventWriter.endFromEvent(
        s, end(s, START.plusSeconds(4), "{\"reason\":\"client-closed\"}"));
    assertEquals(SessionStatus.TERMINATED, s.status());
    assertEquals(START.plusSeconds(3), s.endedAt());
  }

  @Test
  void anUnreadablePayloadStillEndsTheSession() {
    GatewaySession s = session(Protocol.POSTGRES);
    SessionEventWriter.endFromEvent(s, end(s, START.plusSeconds(4), "not json"));
    assertEquals(SessionStatus.FAILED, s.status());
    assertEquals("unknown", s.endReason());
  }
}
