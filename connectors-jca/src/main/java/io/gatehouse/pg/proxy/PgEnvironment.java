package io.gatehouse.pg.proxy;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.pg.pool.PgBackend;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * What the PostgreSQL listener needs from its surroundings: the resource adapter supplies the
 * control plane, the pooled backends and its work manager; tests supply plain implementations.
 *
 * @param tls server TLS, asked for at the first SSLRequest; null (or a null answer) means
 *     SSLRequest is answered 'N'
 * @param access decides access (the control plane)
 * @param tlsRequirement whether a connection's policy requires TLS, asked before the password
 * @param backends hands out authenticated backends for a plan
 * @param rules compiles a plan's policy into the session's rules
 * @param sessionEnded told how each session ended
 * @param threads runs each session's backend pump
 * @param timers schedules access expiry
 * @param startupTimeoutMillis how long a client may take to start up and authenticate
 * @param reviews the control plane's reviews, for statements a policy holds; null refuses them
 */
public record PgEnvironment(
    Supplier<SSLContext> tls,
    Access access,
    TlsRequirement tlsRequirement,
    Backends backends,
    SessionRulesFactory rules,
    SessionEnded sessionEnded,
    Executor threads,
    ScheduledExecutorService timers,
    int startupTimeoutMillis,
    Reviews reviews) {

  /** Without reviews: statements a policy holds for review are refused. */
  public PgEnvironment(
      Supplier<SSLContext> tls,
      Access access,
      TlsRequirement tlsRequirement,
      Backends backends,
      SessionRulesFactory rules,
      SessionEnded sessionEnded,
      Executor threads,
      ScheduledExecutorService timers,
      int startupTimeoutMillis) {
    this(
        tls,
        access,
        tlsRequirement,
        backends,
        rules,
        sessionEnded,
        threads,
        timers,
        startupTimeoutMillis,
        null);
  }

  /** The control plane's reviews of held statements. */
  public interface Reviews {
    ReviewTicket request(ReviewRequestInfo request) throws AccessDeniedException;

    ReviewTicket status(String reviewId) throws AccessDeniedException;
  }

  /** The control plane's access decision. */
  @FunctionalInterface
  public interface Access {
    SessionPlan open(AccessRequest request) throws AccessDeniedException;
  }

  /**
   * Whether a connection's policy requires TLS. Asked before the client is asked for its token, so
   * that a plaintext client is refused before it sends the token in clear.
   */
  @FunctionalInterface
  public interface TlsRequirement {
    /**
     * @return false for an unknown connection, which is refused after authentication as before
     * @throws AccessDeniedException when the control plane cannot tell (the client is refused)
     */
    boolean requiredFor(String connection) throws AccessDeniedException;
  }

  /** Authenticated backends for a session. */
  @FunctionalInterface
  public interface Backends {
    PgBackend acquire(SessionPlan plan) throws IOException;
  }

  /** Told once per session when it ends. */
  @FunctionalInterface
  public interface SessionEnded {
    void ended(SessionOutcome outcome);
  }
}
