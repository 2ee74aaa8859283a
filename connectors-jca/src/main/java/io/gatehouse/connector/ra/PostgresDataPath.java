package io.gatehouse.connector.ra;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.pg.pool.PgBackend;
import io.gatehouse.pg.pool.PgBackendConnectionFactory;
import io.gatehouse.pg.pool.PgBackendRequest;
import io.gatehouse.pg.proxy.PgEnvironment;
import io.gatehouse.pg.proxy.PgListener;
import io.gatehouse.pg.proxy.PolicySessionRules;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.sql.SqlClassifier;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The PostgreSQL data path inside the resource adapter: its listener, with access decided by the
 * control plane, backends from the container's pool and events into the spool.
 */
final class PostgresDataPath {

  private static final Logger LOG = Logger.getLogger(PostgresDataPath.class.getName());

  private final TcpListener listener;
  private final ControlPlaneEndpoint controlPlane;
  private volatile PgBackendConnectionFactory backends;

  PostgresDataPath(
      InetSocketAddress address,
      int maxConnections,
      int startupTimeoutMillis,
      io.gatehouse.policy.SessionTimeouts defaultTimeouts,
      Supplier<SSLContext> tls,
      ControlPlaneEndpoint controlPlane,
      EventSpool spool,
      SpoolShipper shipper,
      WorkManager workManager,
      ScheduledExecutorService timers,
      java.util.concurrent.Executor sessionThreads,
      LiveSessions live) {
    this.controlPlane = controlPlane;
    PgEnvironment environment =
        new PgEnvironment(
            tls,
            request -> controlPlane.call(cp -> cp.openSession(request)),
            connection -> controlPlane.call(cp -> cp.requiresTls(Protocol.POSTGRES, connection)),
            this::acquire,
            new PolicySessionRules(
                new SqlClassifier(), spool, shipper, Clock.systemUTC(), defaultTimeouts),
            controlPlane::closeSessionQuietly,
            sessionThreads,
            timers,
            startupTimeoutMillis,
            new PgEnvironment.Reviews() {
              @Override
              public ReviewTicket request(ReviewRequestInfo request) throws AccessDeniedException {
                return controlPlane.call(cp -> cp.requestReview(request));
              }

              @Override
              public ReviewTicket status(String reviewId) throws AccessDeniedException {
                return controlPlane.call(cp -> cp.reviewStatus(reviewId));
              }
            });
    this.listener =
        new TcpListener(
            "PostgreSQL",
            address,
            maxConnections,
            new PgListener(environment, live),
            sessionThreads);
  }

  void start(WorkManager workManager) throws IOException, WorkException {
    listener.start(workManager);
  }

  void stop() {
    listener.stop();
  }

  int port() {
    return listener.port();
  }

  private PgBackend acquire(SessionPlan plan) throws IOException {
    try {
      return factory().getConnection(new PgBackendRequest(plan.connection(), plan.target()));
    } catch (ResourceException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private PgBackendConnectionFactory factory() throws IOException {
    PgBackendConnectionFactory current = backends;
    if (current == null) {
      try {
        current =
            (PgBackendConnectionFactory)
                controlPlane.call(cp -> cp.connectionFactory(PgBackendConnectionFactory.JNDI_NAME));
      } catch (AccessDeniedException | RuntimeException e) {
        throw new IOException(
            "backend pool " + PgBackendConnectionFactory.JNDI_NAME + " is not available", e);
      }
      backends = current;
    }
    return current;
  }
}
