package io.gatehouse.control.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.Protocol;
import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionSeal;
import io.gatehouse.control.domain.model.session.SessionStatus;
import io.gatehouse.control.infrastructure.seal.SealKeyRing;
import io.gatehouse.control.infrastructure.seal.SealKeys;
import io.gatehouse.recording.ChainVerifier;
import io.gatehouse.recording.EventChain;
import io.gatehouse.recording.SealAlgorithm;
import io.gatehouse.recording.SealStatement;
import io.gatehouse.recording.SealVerifier;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordingSealsTest {

  private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

  private final FakeSessions store = new FakeSessions();
  private final RecordingSeals seals = new RecordingSeals();
  private final GatewaySession session =
      new GatewaySession("alice", List.of("dba"), "orders", Protocol.POSTGRES, null, START);

  RecordingSealsTest() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    SealKeyRing ring =
        SealKeyRing.of(
            "s1",
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----",
            SealAlgorithm.pem(pair.getPublic()),
            "");
    seals.sessions = store;
    seals.keys =
        new SealKeys() {
          @Override
          public SealKeyRing ring() {
            return ring;
          }
        };
  }

  @Test
  void eventsArrivingAfterTheCloseAreSealedWhenSessionEndArrives() {
    store(1, "session-start");
    session.end(SessionStatus.CLOSED, "client-closed", START.plusSeconds(9));
    seals.sealIfComplete(session);
    assertFalse(session.seal().isPresent(), "closed, but the recording is still on its way");

    store(2, "statement");
    store(3, "session-end");
    seals.sealIfComplete(session);
    SessionSeal seal = session.seal().orElseThrow();
    assertEquals(3, seal.eventCount(), "every event covered");
    assertEquals(store.events.get(2).hash(), seal.headHash(), "head is session-end's hash");
    assertTrue(
        SealVerifier.check(
                new SealStatement(
                    session.id(), 3, seal.headHash(), session.endedAt(), seal.sealedAt()),
                seal.algorithm(),
                seal.keyId(),
                seal.signature(),
                seals.keys.ring().publicKeys(),
                ChainVerifier.verify(store.recorded()))
            .valid(),
        "the seal verifies");
  }

  @Test
  void aCloseAfterTheLastEventSeals() {
    store(1, "session-start");
    store(2, "session-end");
    seals.sealIfComplete(session);
    assertFalse(session.seal().isPresent(), "still active: not sealed");

    session.end(SessionStatus.CLOSED, "client-closed", START.plusSeconds(9));
    seals.sealIfComplete(session);
    assertTrue(session.seal().isPresent(), "sealed on close");
    SessionSeal first = session.seal().get();
    seals.sealIfComplete(session);
    assertEquals(first, session.seal().get(), "sealed once");
  }

  private void store(long sequence, String type) {
    session.eventsStored(sequence, 1);
    String previous =
        store.events.isEmpty()
            ? EventChain.GENESIS
            : store.events.get(store.events.size() - 1).hash();
    RecordedEvent e =
        EventChain.link(
            previous, session.id(), sequence, START.plusSeconds(sequence), type, "{}", null, null);
    store.events.add(
        new SessionEvent(
            e.sessionId(),
            e.sequence(),
            e.at(),
            e.type(),
            e.payloadJson(),
            null,
            null,
            e.previousHash(),
            e.hash()));
  }

  /** Only what sealing reads. */
  private static final class FakeSessions implements SessionRepository {
    final List<SessionEvent> events = new ArrayList<>();

    List<RecordedEvent> recorded() {
      return events.stream()
          .map(
              e ->
                  new RecordedEvent(
                      e.sessionId(),
                      e.sequence(),
                      e.occurredAt(),
                      e.type(),
                      e.payload(),
                      e.decision(),
                      e.ruleId(),
                      e.previousHash(),
                      e.hash()))
          .toList();
    }

    @Override
    public Optional<SessionEvent> event(String sessionId, long sequence) {
      return events.stream().filter(e -> e.sequence() == sequence).findFirst();
    }

    @Override
    public Optional<SessionEvent> lastEvent(String sessionId) {
      return events.stream().max(Comparator.comparingLong(SessionEvent::sequence));
    }

    @Override
    public long countEvents(String sessionId) {
      return events.size();
    }

    @Override
    public void store(GatewaySession session) {}

    @Override
    public Optional<GatewaySession> find(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<GatewaySession> findAsStored(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<GatewaySession> findForUpdate(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<GatewaySession> activeByKey(String fingerprint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<GatewaySession> search(
        String identity, String connection, SessionStatus status, int offset, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<SessionEvent> events(String sessionId, long after, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<SessionEvent> storedEvents(String sessionId, long after, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long lastSequence(String sessionId, long from) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void appendAll(List<SessionEvent> events) {
      throw new UnsupportedOperationException();
    }
  }
}
