package io.gatehouse.control.application;

/** The live sessions on the data plane, as the control plane can reach them. */
public interface DataPlaneSessions {

  /**
   * Ends one session: on this server's data plane, or else (PostgreSQL store) on whichever server
   * holds it, once the caller's transaction commits. False when it is not here and no other server
   * can be told.
   */
  boolean terminate(String sessionId, String reason);

  /**
   * Ends every session under a grant, here and (PostgreSQL store) on every other server once the
   * caller's transaction commits; returns how many ended here.
   */
  int terminateGrant(String grantId, String reason);

  /**
   * Tells every session under a grant {@code message} without ending it, here and (PostgreSQL
   * store) on every other server once the caller's transaction commits; returns how many here.
   */
  int warnGrant(String grantId, String message);
}
