package io.gatehouse.control.application.internal;

import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Stores one session's shipped events in a transaction of its own. A batch spans many sessions;
 * holding them all in one transaction let a batch keep one session's new event rows locked while it
 * waited for another session's row that a closing session held, and the closer's event scan waited
 * on those rows: a deadlock. One short transaction per session never waits while holding another
 * session's locks. Idempotent: events at or below the last stored sequence are skipped.
 */
@Stateless
public class SessionEventWriter {

  private static final Logger LOG = Logger.getLogger(SessionEventWriter.class.getName());

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
    List<SessionEvent> fresh = new ArrayList<>(events.size());
    RecordedEvent lastAdded = null;
    for (RecordedEvent event : events) {
      if (event.sequence() <= last) {
        continue;
      }
      fresh.add(
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
      lastAdded = event;
    }
    sessions.appendAll(fresh);
    int added = fresh.size();
    if (added > 0) {
      long upTo = last;
      int stored = added;
      session.ifPresent(s -> s.eventsStored(upTo, stored));
    }
    // Only a batch that ends the recording can complete it; any other would look the session's
    // last event up for nothing, once per batch (closing the session seals when it comes second).
    if (lastAdded != null && RecordingSeals.SESSION_END.equals(lastAdded.type())) {
      RecordedEvent end = lastAdded;
      session.ifPresent(
          s -> {
            endFromEvent(s, end);
            seals.sealIfComplete(s);
          });
    }
    return added;
  }

  /**
   * The recorded end also ends the session: the data plane's close call is only the fast path.
   * Without this, a session whose close call failed (the store was down at that moment), or whose
   * server was killed (the end is recorded at its restart, {@code server-lost}), stayed active.
   */
  static void endFromEvent(GatewaySession session, RecordedEvent end) {
    if (session.status() != SessionStatus.ACTIVE) {
      return;
    }
    String reason = "unknown";
    long statements = 0;
    long blocked = 0;
    try (JsonReader reader = Json.createReader(new StringReader(end.payloadJson()))) {
      JsonObject payload = reader.readObject();
      reason = payload.getString("reason", reason);
      statements =
          payload.getJsonNumber("statements") != null
              ? payload.getJsonNumber("statements").longValue()
              : payload.getJsonNumber("commands") != null
                  ? payload.getJsonNumber("commands").longValue()
                  : payload.getJsonNumber("requests") != null
                      ? payload.getJsonNumber("requests").longValue()
                      : 0;
      blocked =
          payload.getJsonNumber("blocked") != null
              ? payload.getJsonNumber("blocked").longValue()
              : 0;
    } catch (RuntimeException e) {
      LOG.warning(
          () -> "session-end of " + session.id() + " has an unreadable payload; ended as unknown");
    }
    Instant at = end.at().isBefore(session.startedAt()) ? session.startedAt() : end.at();
    session.end(SessionStatus.endedBy(reason), reason, at);
    session.settle(statements, blocked);
  }
}
