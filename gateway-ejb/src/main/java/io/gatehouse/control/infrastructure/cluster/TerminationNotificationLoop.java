package io.gatehouse.control.infrastructure.cluster;

import io.gatehouse.connector.api.GatewayAdminConnection;
import io.gatehouse.connector.api.GatewayAdminConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ResourceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The listening side of the cross-server termination: one dedicated connection from the store's
 * data source, unwrapped to the driver's {@link PGConnection}, {@code LISTEN gatehouse_terminate},
 * then {@link PGConnection#getNotifications(int)} in a loop. Each message from another server is
 * applied to this server's data plane through the resource adapter's admin connection factory
 * (local only: never re-broadcast). A broken connection is replaced after a pause; notifications
 * sent while no connection listened are lost, so after each LISTEN and every {@link
 * #RECONCILE_MILLIS} the {@link TerminationReconciler} catches up from the store.
 *
 * <p>Runs as an asynchronous EJB method (a container-managed thread with the application's
 * context), outside any transaction: it holds its connection for the server's lifetime, so one
 * connection of {@code gatehouse.db.pool.max} is taken by it.
 */
@Stateless
public class TerminationNotificationLoop {

  private static final Logger LOG = Logger.getLogger(TerminationNotificationLoop.class.getName());

  /** How long one wait for notifications lasts; also how fast a shutdown is noticed. */
  static final int POLL_MILLIS = 2_000;

  /** Pause before a new connection after a failure. */
  static final long RETRY_MILLIS = 5_000;

  /** How often the store is asked what should have ended, in case a message was lost. */
  static final long RECONCILE_MILLIS = 30_000;

  @Resource(lookup = StoreKind.JNDI_NAME)
  DataSource store;

  @Resource(lookup = GatewayAdminConnectionFactory.JNDI_NAME)
  GatewayAdminConnectionFactory admin;

  @EJB TerminationReconciler reconciler;

  @Asynchronous
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Future<Void> listen(AtomicBoolean running) {
    while (running.get()) {
      try (Connection connection = store.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement listen = connection.createStatement()) {
          listen.execute("LISTEN " + TerminationMessage.CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        LOG.fine("LISTEN " + TerminationMessage.CHANNEL + " on a store connection");
        // Whatever was sent while nobody listened: catch up from the store, now and then again.
        long nextReconcile = 0;
        while (running.get()) {
          if (System.currentTimeMillis() >= nextReconcile) {
            reconcileQuietly();
            nextReconcile = System.currentTimeMillis() + RECONCILE_MILLIS;
          }
          PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
          if (notifications == null || notifications.length == 0) {
            // Nothing came within the wait; a broken connection throws or reports closed.
            if (connection.isClosed()) {
              throw new SQLException("listener connection closed");
            }
            continue;
          }
          for (PGNotification notification : notifications) {
            if (TerminationMessage.CHANNEL.equals(notification.getName())) {
              apply(notification.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running.get()) {
          break;
        }
        LOG.log(
            Level.WARNING,
            "listening for terminations from other gateway servers failed; retrying in "
                + RETRY_MILLIS
                + " ms",
            e);
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    LOG.fine("Stopped listening for terminations");
    return new AsyncResult<>(null);
  }

  private void reconcileQuietly() {
    try {
      reconciler.reconcile();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "reconciling terminations with the store failed", e);
    }
  }

  void apply(String payload) {
    Optional<TerminationMessage> parsed = TerminationMessage.parse(payload);
    if (parsed.isEmpty()) {
      LOG.warning(() -> "ignored a malformed termination message: " + payload);
      return;
    }
    TerminationMessage message = parsed.get();
    if (message.fromThisServer()) {
      return;
    }
    try (GatewayAdminConnection connection = admin.getConnection()) {
      switch (message.kind()) {
        case SESSION -> {
          if (connection.terminate(message.id(), message.reason())) {
            LOG.info(
                () ->
                    "Session "
                        + message.id()
                        + " terminated on request of another server: "
                        + message.reason());
          }
        }
        case GRANT_WARNING -> {
          int warned = connection.warnGrant(message.id(), message.reason());
          if (warned > 0) {
            LOG.info(
                () ->
                    "Grant "
                        + message.id()
                        + ": "
                        + warned
                        + " session(s) warned on request of another server");
          }
        }
        case GRANT -> {
          int ended = connection.terminateGrant(message.id(), message.reason());
          if (ended > 0) {
            LOG.info(
                () ->
                    "Grant "
                        + message.id()
                        + ": "
                        + ended
                        + " session(s) terminated on request of another server: "
                        + message.reason());
          }
        }
      }
    } catch (ResourceException e) {
      LOG.log(
          Level.WARNING,
          "the data plane is unreachable; could not end "
              + message.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + message.id(),
          e);
    }
  }
}
