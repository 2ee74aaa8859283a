package io.gatehouse.control.application.internal;

import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.SessionRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stores one session's shipped events in a transaction of its own. A batch spans many sessions;
 * holding them all in one transaction let a batch keep one session's new event rows locked while it
 * waited for another session's row that a closing session held, and the closer's event scan waited
 * on those rows: a deadlock. One short transaction per session never waits while holding another
 * session's locks. Idempotent: events at or below the last stored sequence are skipped.
 */
@Stateless
public class SessionEventWriter {

  @Inject SessionRepository sessions;
  @Inject RecordingSeals seals;

  /** Stores the new events of {@code sessionId}; returns how many were new. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int write(String sessionId, List<RecordedEvent> events) {
    Optional<GatewaySession> session = sessions.findForUpdate(sessionId);
    long first = Long.MAX_VALUE;
    for (RecordedEvent event : events) {
      first = Math.min(first, event.sequence());
    }
    OptionalLong kept = session.map(GatewaySession::storedUpTo).orElse(OptionalLong.empty());
    long last =
        kept.isPresent()
            ? kept.getAsLong()
            : events.isEmpty() ? 0 : sessions.lastSequence(sessionId, first);
    int added = 0;
    String lastType = null;
    for (RecordedEvent event : events) {
      if (event.sequence() <= last) {
        continue;
      }
      sessions.append(
          new SessionEvent(
              event.sessionId(),
              event.sequence(),
              event.at(),
              event.type(),
              event.payloadJson(),
              event.decision(),
              event.ruleId(),
              event.previousHash(),
              event.hash()));
      last = event.sequence();
      lastType = event.type();
      added++;
    }
    if (added > 0) {
      long upTo = last;
      int stored = added;
      session.ifPresent(s -> s.eventsStored(upTo, stored));
    }
    // Only a batch that ends the recording can complete it; any other would look the session's
    // last event up for nothing, once per batch (closing the session seals when it comes second).
    if (RecordingSeals.SESSION_END.equals(lastType)) {
      session.ifPresent(seals::sealIfComplete);
    }
    return added;
  }
}
