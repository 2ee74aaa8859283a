package io.gatehouse.control.application;

/** Ends a live session on request of an administrator or reviewer. */
public interface SessionTermination {

  /**
   * @throws ResourceNotFoundException no such session
   * @throws ResourceConflictException the session is not running on this server
   */
  void terminate(Caller caller, String sessionId, String reason);
}
