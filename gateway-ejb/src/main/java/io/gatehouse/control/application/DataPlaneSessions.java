package io.gatehouse.control.application;

/** The live sessions on the data plane, as the control plane can reach them. */
public interface DataPlaneSessions {

  /** Ends one session; false when no data plane this server reaches holds it. */
  boolean terminate(String sessionId, String reason);

  /** Ends every session under a grant; returns how many. */
  int terminateGrant(String grantId, String reason);
}
