package io.gatehouse.control.application;

import java.util.List;

/**
 * Just-in-time grants: requested by anyone for themselves, approved by the connection's policy's
 * approver groups (never by the requester), active from the last approval for the requested
 * duration, ended by a persistent timer or by revocation. Every decision records who, when, why.
 */
public interface GrantService {

  GrantView request(Caller caller, String connection, long durationSeconds, String reason);

  /** The caller's own grants; everyone's for admins, reviewers and auditors. Newest first. */
  List<GrantView> list(Caller caller);

  GrantView get(Caller caller, String id);

  GrantView approve(Caller caller, String id, String reason);

  GrantView reject(Caller caller, String id, String reason);

  /** Ends an active grant now and terminates its live sessions. */
  GrantView revoke(Caller caller, String id, String reason);

  /**
   * What a grant's timer does when it fires: the grant expires (if its time is up; a timer that
   * fired early is re-armed) and its live sessions are terminated.
   */
  void expire(String grantId);

  /**
   * What a grant's warning timer does: tells the live sessions under an active grant when it ends
   * (a PostgreSQL notice, a line on SSH stderr), here and on the other servers.
   */
  void warn(String grantId);
}
