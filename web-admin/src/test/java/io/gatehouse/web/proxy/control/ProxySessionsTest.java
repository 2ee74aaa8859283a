package io.gatehouse.web.proxy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.control.application.SessionAdmission;
import io.gatehouse.recording.EventChain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests of one token on one connection share a session within the idle window. */
class ProxySessionsTest {

  /** The control plane's admission, in memory: counts sessions, keeps events and outcomes. */
  static final class Admissions implements SessionAdmission {
    final AtomicInteger admitted = new AtomicInteger();
    final List<RecordedEvent> events = new ArrayList<>();
    final List<SessionOutcome> closed = new ArrayList<>();
    Instant accessEnds = Instant.parse("2030-01-01T00:00:00Z");
    boolean failStore;

    SessionPlan plan(String identity, String connection) {
      return new SessionPlan(
          "s" + admitted.incrementAndGet(),
          identity,
          Set.of("dev"),
          connection,
          Protocol.KUBERNETES,
          new TargetSpec(null, 0, null, "https://k8s", null, null, null, null, "t", "token", 1),
          null,
          0,
          null,
          accessEnds,
          null,
          new byte[0]);
    }

    @Override
    public SessionPlan admit(AccessRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean requiresTls(Protocol protocol, String connection) {
      return false;
    }

    @Override
    public synchronized int store(List<RecordedEvent> batch) {
      if (failStore) {
        throw new IllegalStateException("database down");
      }
      events.addAll(batch);
      return batch.size();
    }

    @Override
    public synchronized void close(SessionOutcome outcome) {
      closed.add(outcome);
    }
  }

  private final Admissions admissions = new Admissions();
  private final ProxySessions sessions = new ProxySessions();
  private Instant now = Instant.parse("2026-12-03T06:00:00Z");

  @BeforeEach
  void wire() {
    sessions.admission = admissions;
    sessions.idle = Duration.ofSeconds(60);
    sessions.maxAge = Duration.ofMinutes(10);
    sessions.clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now;
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
  }

  private String request(String connection, String token) throws AccessDeniedException {
    ProxySessions.Grouped g =
        sessions.join(connection, token, () -> admissions.plan("alice", connection));
    sessions.append(g.plan.sessionId(), "request", "{}", "allow", null);
    sessions.append(g.plan.sessionId(), "response", "{}", null, null);
    sessions.release(g.plan.sessionId());
    return g.plan.sessionId();
  }

  @Test
  void requestsWithinTheIdleWindowShareOneChainedSession() throws Exception {
    String first = request("prod", "tok-a");
    now = now.plusSeconds(30);
    String second = request("prod", "tok-a");
    now = now.plusSeconds(59);
    String third = request("prod", "tok-a");
    assertEquals(first, second);
    assertEquals(first, third);
    assertEquals(1, admissions.admitted.get(), "admitted once");
    assertEquals(6, admissions.events.size());
    String previous = EventChain.GENESIS;
    for (int i = 0; i < 6; i++) {
      RecordedEvent e = admissions.events.get(i);
      assertEquals(i + 1, e.sequence(), "sequence");
      assertEquals(EventChain.expectedHash(e), e.hash(), "hash of event " + (i + 1));
      assertEquals(previous, e.previousHash(), "chained to the one before");
      previous = e.hash();
    }
    assertTrue(admissions.closed.isEmpty(), "still open");
  }

  @Test
  void anIdleSessionIsClosedAndTheNextRequestOpensAnother() throws Exception {
    String first = request("prod", "tok-a");
    now = now.plusSeconds(61);
    sessions.sweep();
    assertEquals(1, admissions.closed.size(), "closed after the idle window");
    SessionOutcome outcome = admissions.closed.get(0);
    assertEquals(first, outcome.sessionId());
    assertEquals("client-closed", outcome.reason());
    assertEquals(1, outcome.statements(), "one request");
    // The recording ends with a chained session-end, so the store can seal it.
    RecordedEvent end = admissions.events.get(admissions.events.size() - 1);
    RecordedEvent before = admissions.events.get(admissions.events.size() - 2);
    assertEquals("session-end", end.type());
    assertEquals(first, end.sessionId());
    assertEquals(before.sequence() + 1, end.sequence());
    assertEquals(before.hash(), end.previousHash());
    assertEquals(EventChain.expectedHash(end), end.hash());
    assertTrue(end.payloadJson().contains("\"reason\":\"client-closed\""), end.payloadJson());
    String second = request("prod", "tok-a");
    assertNotEquals(first, second);
    assertEquals(0, sessions.maxAge.compareTo(Duration.ofMinutes(10)));
  }

  @Test
  void otherTokensAndOtherConnectionsGetTheirOwnSessions() throws Exception {
    String a = request("prod", "tok-a");
    String b = request("prod", "tok-b");
    String c = request("staging", "tok-a");
    assertNotEquals(a, b);
    assertNotEquals(a, c);
    assertEquals(3, admissions.admitted.get());
  }

  @Test
  void aSessionInFlightIsNotClosedByTheSweep() throws Exception {
    ProxySessions.Grouped g = sessions.join("prod", "tok-a", () -> admissions.plan("a", "prod"));
    now = now.plusSeconds(600);
    sessions.sweep();
    assertTrue(admissions.closed.isEmpty(), "a long watch keeps its session");
    sessions.release(g.plan.sessionId());
    now = now.plusSeconds(61);
    sessions.sweep();
    assertEquals(1, admissions.closed.size());
  }

  @Test
  void accessEndingOrMaxAgeStartsANewSession() throws Exception {
    admissions.accessEnds = now.plusSeconds(20);
    String first = request("prod", "tok-a");
    now = now.plusSeconds(21);
    admissions.accessEnds = now.plusSeconds(3600);
    String second = request("prod", "tok-a");
    assertNotEquals(first, second, "re-admitted once access ended");
    assertEquals("expired", admissions.closed.get(0).reason());
    for (int i = 0; i < 12; i++) {
      now = now.plusSeconds(55);
      request("prod", "tok-a");
    }
    assertEquals(3, admissions.admitted.get(), "re-admitted after the maximum age");
  }

  @Test
  void aFailedStoreLeavesTheChainIntact() throws Exception {
    ProxySessions.Grouped g = sessions.join("prod", "tok-a", () -> admissions.plan("a", "prod"));
    String id = g.plan.sessionId();
    sessions.append(id, "request", "{}", "allow", null);
    admissions.failStore = true;
    assertThrows(
        IllegalStateException.class, () -> sessions.append(id, "response", "{}", null, null));
    admissions.failStore = false;
    sessions.append(id, "response", "{}", null, null);
    assertEquals(2, admissions.events.get(1).sequence());
    assertEquals(admissions.events.get(0).hash(), admissions.events.get(1).previousHash());
  }

  @Test
  void aSessionEndedFromOutsideCutsItsStreamsAndTheNextRefusalSaysWhy() throws Exception {
    ProxySessions.Grouped g = sessions.join("prod", "tok-g", () -> admissions.plan("gina", "prod"));
    String id = g.plan.sessionId();
    sessions.hold(id); // a kubectl exec stream outlives its request
    List<String> cut = new ArrayList<>();
    sessions.watch(id, cut::add);
    sessions.release(id);

    sessions.terminate(id, "grant g1 was revoked by bob: done");
    assertEquals(List.of("grant g1 was revoked by bob: done"), cut, "the stream is cut");
    assertTrue(admissions.closed.isEmpty(), "closed once the stream is released");
    sessions.release(id);
    assertEquals(1, admissions.closed.size());
    assertEquals("terminated", admissions.closed.get(0).reason());

    AccessDeniedException refused =
        assertThrows(
            AccessDeniedException.class,
            () ->
                sessions.join(
                    "prod",
                    "tok-g",
                    () -> {
                      throw new AccessDeniedException(
                          AccessDeniedException.Reason.NOT_PERMITTED, "no access to prod");
                    }));
    assertEquals(
        "grant g1 was revoked by bob: done (no access to prod)",
        refused.getMessage(),
        "the next request is told why");
    assertEquals(AccessDeniedException.Reason.NOT_PERMITTED, refused.reason());

    List<String> late = new ArrayList<>();
    sessions.watch(id, late::add);
    assertTrue(late.isEmpty(), "a closed session has nothing left to cut");
    String again = request("prod", "tok-g");
    assertNotEquals(id, again, "admitted anew (another grant)");
  }
}
