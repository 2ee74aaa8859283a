package io.gatehouse.connector.ra;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions running on this server, of every protocol, so they can be listed and ended. */
public final class LiveSessions {

  /** A running session that can be ended from outside. */
  public interface Terminable {
    /** Ends the session, telling the client {@code reason} in its protocol's way. */
    void terminate(String reason);

    /** Tells the client {@code message} and lets the session run on; nothing by default. */
    default void warn(String message) {}
  }

  /**
   * What is known of a live session.
   *
   * @param grantId the grant the session runs under, or null for standing access
   */
  public record Entry(
      String sessionId,
      String identity,
      String connection,
      String protocol,
      Instant startedAt,
      String grantId,
      Terminable handle) {

    /** A session under standing access (no grant). */
    public Entry(
        String sessionId,
        String identity,
        String connection,
        String protocol,
        Instant startedAt,
        Terminable handle) {
      this(sessionId, identity, connection, protocol, startedAt, null, handle);
    }
  }

  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

  public void add(Entry entry) {
    sessions.put(entry.sessionId(), entry);
  }

  public void remove(String sessionId) {
    sessions.remove(sessionId);
  }

  public List<Entry> list() {
    return List.copyOf(sessions.values());
  }

  /** Ends a session; false when this server does not hold it. */
  public boolean terminate(String sessionId, String reason) {
    Entry entry = sessions.get(sessionId);
    if (entry == null) {
      return false;
    }
    entry.handle().terminate(reason);
    return true;
  }

  /** Ends every session running under {@code grantId}; returns how many. */
  public int terminateGrant(String grantId, String reason) {
    int ended = 0;
    for (Entry entry : sessions.values()) {
      if (grantId.equals(entry.grantId())) {
        entry.handle().terminate(reason);
        ended++;
      }
    }
    return ended;
  }

  /** Tells every session running under {@code grantId} {@code message}; returns how many. */
  public int warnGrant(String grantId, String message) {
    int warned = 0;
    for (Entry entry : sessions.values()) {
      if (grantId.equals(entry.grantId())) {
        entry.handle().warn(message);
        warned++;
      }
    }
    return warned;
  }

  /** Ends every session (server shutdown). */
  public void terminateAll(String reason) {
    for (Entry entry : sessions.values()) {
      entry.handle().terminate(reason);
    }
  }
}
