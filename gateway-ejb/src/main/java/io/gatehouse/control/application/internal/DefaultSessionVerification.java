package io.gatehouse.control.application.internal;

import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.SealKeyView;
import io.gatehouse.control.application.SessionVerification;
import io.gatehouse.control.application.VerificationView;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionSeal;
import io.gatehouse.control.domain.model.session.SessionStatus;
import io.gatehouse.control.domain.model.session.UnreadableEventsException;
import io.gatehouse.control.infrastructure.seal.SealKeyRing;
import io.gatehouse.control.infrastructure.seal.SealKeys;
import io.gatehouse.recording.ChainReport;
import io.gatehouse.recording.ChainVerifier;
import io.gatehouse.recording.SealAlgorithm;
import io.gatehouse.recording.SealCheck;
import io.gatehouse.recording.SealStatement;
import io.gatehouse.recording.SealVerifier;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Stateless
public class DefaultSessionVerification implements SessionVerification {

  private static final int PAGE = 1000;

  @Inject SessionRepository sessions;
  @EJB SealKeys keys;

  @Override
  public VerificationView verify(String sessionId) {
    GatewaySession session =
        sessions
            .findAsStored(sessionId)
            .orElseThrow(
                () -> new ResourceNotFoundException("No session with id '" + sessionId + "'"));
    List<VerificationView.Problem> unreadable = new ArrayList<>();
    List<RecordedEvent> events = storedEvents(sessionId, unreadable);
    ChainReport chain = ChainVerifier.verify(events);
    SealCheck seal =
        session
            .seal()
            .map(s -> check(session, s, chain))
            .orElseGet(() -> SealVerifier.unsealed(whyUnsealed(session, events)));
    List<VerificationView.Problem> problems = new ArrayList<>(unreadable);
    chain
        .problems()
        .forEach(p -> problems.add(new VerificationView.Problem(p.sequence(), p.problem())));
    problems.sort(java.util.Comparator.comparingLong(VerificationView.Problem::sequence));
    return new VerificationView(
        chain.valid() && unreadable.isEmpty() && seal.valid(),
        chain.events(),
        problems,
        new VerificationView.Seal(seal.valid(), seal.keyId(), seal.algorithm(), seal.problems()));
  }

  @Override
  public List<SealKeyView> sealKeys() {
    SealKeyRing ring = keys.ring();
    return ring.publicKeys().entrySet().stream()
        .map(
            key ->
                new SealKeyView(
                    key.getKey(),
                    SealAlgorithm.of(key.getValue()).jdkName(),
                    key.getKey().equals(ring.currentKeyId()),
                    SealAlgorithm.pem(key.getValue())))
        .toList();
  }

  private SealCheck check(GatewaySession session, SessionSeal seal, ChainReport chain) {
    SealStatement statement =
        new SealStatement(
            session.id(), seal.eventCount(), seal.headHash(), session.endedAt(), seal.sealedAt());
    Map<String, java.security.PublicKey> publicKeys = keys.ring().publicKeys();
    return SealVerifier.check(
        statement, seal.algorithm(), seal.keyId(), seal.signature(), publicKeys, chain);
  }

  private static String whyUnsealed(GatewaySession session, List<RecordedEvent> events) {
    if (session.status() == SessionStatus.ACTIVE) {
      return "the session is still active";
    }
    if (events.isEmpty()
        || !RecordingSeals.SESSION_END.equals(events.get(events.size() - 1).type())) {
      return "the session has ended but its session-end event has not reached the store"
          + " (still being shipped, or never recorded)";
    }
    return "the session has ended and its recording is complete, but it was not sealed";
  }

  // Events the store cannot decode any more are a problem of their own (their range), and missing
  // from the chain, which reports the gap they leave.
  private List<RecordedEvent> storedEvents(
      String sessionId, List<VerificationView.Problem> unreadable) {
    List<RecordedEvent> events = new ArrayList<>();
    long after = 0;
    while (true) {
      List<SessionEvent> page;
      try {
        page = sessions.storedEvents(sessionId, after, PAGE);
      } catch (UnreadableEventsException e) {
        unreadable.add(
            new VerificationView.Problem(
                e.first(),
                "unreadable: the stored events "
                    + e.first()
                    + " to "
                    + e.last()
                    + " were altered in the store and cannot be decoded ("
                    + e.why()
                    + ")"));
        if (e.last() <= after) {
          return events;
        }
        after = e.last();
        continue;
      }
      if (page.isEmpty()) {
        return events;
      }
      page.forEach(e -> events.add(recorded(e)));
      after = page.get(page.size() - 1).sequence();
    }
  }

  // The stored event in the data plane's terms; absent text fields as the recorder never wrote.
  private static RecordedEvent recorded(SessionEvent e) {
    return new RecordedEvent(
        e.sessionId(),
        e.sequence(),
        e.occurredAt(),
        e.type(),
        e.payload() == null ? "" : e.payload(),
        e.decision(),
        e.ruleId(),
        e.previousHash(),
        e.hash());
  }
}
