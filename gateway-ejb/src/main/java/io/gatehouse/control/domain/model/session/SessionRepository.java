package io.gatehouse.control.domain.model.session;

import java.util.List;
import java.util.Optional;

/** Where sessions and their events are kept. */
public interface SessionRepository {

  Optional<GatewaySession> find(String id);

  /** Newest first; a null filter value matches anything. */
  List<GatewaySession> search(
      String identity, String connection, SessionStatus status, int offset, int limit);

  /** Events of a session after sequence number {@code after}, in order. */
  List<SessionEvent> events(String sessionId, long after, int limit);

  /** The highest event sequence number stored for a session, 0 if none. */
  long lastSequence(String sessionId);

  void store(GatewaySession session);

  void append(SessionEvent event);
}
