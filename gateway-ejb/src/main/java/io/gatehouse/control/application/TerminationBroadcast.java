package io.gatehouse.control.application;

/**
 * Tells every other gateway server sharing the store to end a session or a grant's sessions on its
 * own data plane. The local data plane is reached directly ({@link DataPlaneSessions}); this covers
 * the sessions held elsewhere. With a store that has no way to broadcast (embedded Derby, one
 * server) it does nothing.
 */
public interface TerminationBroadcast {

  /**
   * True when the other servers are reached (the store is PostgreSQL). A message is sent within the
   * caller's transaction and delivered when it commits.
   */
  boolean available();

  /** Asks every other server to end one session; false when nothing could be sent. */
  boolean terminateSession(String sessionId, String reason);

  /** Asks every other server to end every session under a grant; false when nothing was sent. */
  boolean terminateGrant(String grantId, String reason);

  /** Asks every other server to warn every session under a grant; false when nothing was sent. */
  boolean warnGrant(String grantId, String message);
}
