package io.gatehouse.control.application;

import java.util.List;

/** Read recorded sessions and their events. */
public interface SessionService {

  /** Newest first; null filters match anything. */
  List<SessionView> list(String identity, String connection, String status, int offset, int limit);

  SessionView get(String id);

  /** Events after sequence number {@code after}, in order, at most {@code limit}. */
  List<SessionEventView> events(String id, long after, int limit);
}
