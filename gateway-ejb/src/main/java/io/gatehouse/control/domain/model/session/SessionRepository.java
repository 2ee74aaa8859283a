package io.gatehouse.control.domain.model.session;

import java.util.List;
import java.util.Optional;

/** Where sessions and their events are kept. */
public interface SessionRepository {

  Optional<GatewaySession> find(String id);

  /** The session as it is in the store now, bypassing any cache (for verification). */
  Optional<GatewaySession> findAsStored(String id);

  /** Newest first; a null filter value matches anything. */
  List<GatewaySession> search(
      String identity, String connection, SessionStatus status, int offset, int limit);

  /**
   * The running sessions a registered public key logged in, their rows locked until the transaction
   * ends (as {@link #findForUpdate}): a session closing meanwhile waits, rather than both sides
   * holding a read lock the other needs.
   */
  List<GatewaySession> activeByKey(String fingerprint);

  /**
   * Events of a session after sequence number {@code after}, in order.
   *
   * @throws UnreadableEventsException when a stored chunk of them no longer decodes
   */
  List<SessionEvent> events(String sessionId, long after, int limit);

  /**
   * The session, its row locked until the transaction ends: storing events and closing the session
   * take this lock first, so exactly one of them sees both done and seals.
   */
  Optional<GatewaySession> findForUpdate(String id);

  /**
   * Events as they are in the store now, bypassing any cache, for verification: an edit made
   * directly in the database must be seen. Stops before events that no longer decode (fewer than
   * {@code limit}, so read until a page is empty); throws {@link UnreadableEventsException} when
   * they come first.
   */
  List<SessionEvent> storedEvents(String sessionId, long after, int limit);

  /** One stored event, by its number. */
  Optional<SessionEvent> event(String sessionId, long sequence);

  /** The stored event with the highest sequence number. */
  Optional<SessionEvent> lastEvent(String sessionId);

  long countEvents(String sessionId);

  /**
   * The highest event sequence number stored for a session among those at or above {@code from}, 0
   * if none. Only that range of the index is read (Derby scans every event of the session for an
   * unbounded MAX), so a writer that knows its batch starts at {@code from} pays for the batch, not
   * for the whole recording so far; sequences are stored without gaps, so when nothing at or above
   * {@code from} is stored, nothing of the batch is.
   */
  long lastSequence(String sessionId, long from);

  void store(GatewaySession session);

  /**
   * Inserts new events (none of them stored yet), in the caller's transaction, as one batch: a busy
   * gateway ships thousands of events a second, and the store shares its machine.
   */
  void appendAll(List<SessionEvent> events);
}
