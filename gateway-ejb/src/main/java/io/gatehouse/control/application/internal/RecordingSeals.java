package io.gatehouse.control.application.internal;

import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionSeal;
import io.gatehouse.control.domain.model.session.SessionStatus;
import io.gatehouse.control.infrastructure.seal.SealKeyRing;
import io.gatehouse.control.infrastructure.seal.SealKeys;
import io.gatehouse.recording.SealStatement;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Seals a session's recording once it is complete: the session has ended <em>and</em> its {@code
 * session-end} event is stored. The data plane records session-end, then reports the close, and
 * ships the spool asynchronously, so either may reach the store first; both paths call {@link
 * #sealIfComplete} holding the session's row lock, and whichever comes second seals.
 */
@ApplicationScoped
public class RecordingSeals {

  static final String SESSION_END = "session-end";
  private static final Logger LOG = Logger.getLogger(RecordingSeals.class.getName());

  @Inject SessionRepository sessions;
  @EJB SealKeys keys;

  /** Seals {@code session} (locked by the caller) if it is complete and not sealed yet. */
  public void sealIfComplete(GatewaySession session) {
    if (session.status() == SessionStatus.ACTIVE || session.seal().isPresent()) {
      return;
    }
    OptionalLong upTo = session.storedUpTo();
    Optional<SessionEvent> last =
        upTo.isEmpty()
            ? sessions.lastEvent(session.id())
            : upTo.getAsLong() == 0
                ? Optional.empty()
                : sessions.event(session.id(), upTo.getAsLong());
    if (last.isEmpty() || !SESSION_END.equals(last.get().type())) {
      return; // the rest of the recording is still on its way from the spool
    }
    long count = session.storedEvents().orElseGet(() -> sessions.countEvents(session.id()));
    String head = last.get().hash();
    SealKeyRing ring = keys.ring();
    Instant sealedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    SealStatement statement =
        new SealStatement(session.id(), count, head, session.endedAt(), sealedAt);
    session.seal(
        new SessionSeal(
            ring.algorithm().jdkName(),
            ring.currentKeyId(),
            ring.sign(statement.bytes()),
            sealedAt,
            count,
            head));
    sessions.store(session);
    if (count != last.get().sequence()) {
      LOG.warning(
          () ->
              "Session "
                  + session.id()
                  + " sealed with "
                  + count
                  + " events but numbers up to "
                  + last.get().sequence()
                  + ": some events were lost before reaching the store");
    }
    LOG.info(
        () ->
            "Session "
                + session.id()
                + " sealed: "
                + count
                + " events, key "
                + ring.currentKeyId());
  }
}
