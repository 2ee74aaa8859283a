package io.gatehouse.connector.api;

import java.util.List;
import java.util.function.Consumer;

/** A handle on this server's data plane, for listing and terminating live sessions. */
public interface GatewayAdminConnection extends AutoCloseable {

  /** The sessions running on this server, of every protocol. */
  List<LiveSessionInfo> liveSessions();

  /**
   * Ends one session; its client is told {@code reason} in its protocol's way (PostgreSQL: a FATAL
   * error).
   *
   * @return false when this server does not hold the session
   */
  boolean terminate(String sessionId, String reason);

  /**
   * Ends every session running under a grant.
   *
   * @return how many were ended
   */
  int terminateGrant(String grantId, String reason);

  /**
   * Tells every session under a grant {@code message} without ending it (PostgreSQL: a WARNING
   * notice; SSH: a line on each channel's stderr).
   *
   * @return how many were told
   */
  int warnGrant(String grantId, String message);

  /**
   * Adds a session that runs outside the resource adapter (the HTTP proxy's, in the web module) to
   * this server's live sessions, so that {@link #terminate}, {@link #terminateGrant} (a revoked or
   * expired grant, here or from another server) and the listing reach it like any other.
   *
   * @param terminate ends the session, telling its client the reason
   */
  void register(LiveSessionInfo session, Consumer<String> terminate);

  /** Removes a session added by {@link #register} (it ended). */
  void deregister(String sessionId);

  @Override
  void close();
}
