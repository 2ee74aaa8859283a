package io.gatehouse.control.infrastructure.cluster;

import io.gatehouse.control.application.TerminationBroadcast;
import io.gatehouse.control.infrastructure.cluster.TerminationMessage.Kind;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Sends terminations to the other servers with {@code pg_notify('gatehouse_terminate', json)} on
 * the store's own data source. The statement joins the caller's transaction, so PostgreSQL delivers
 * the message when that transaction commits (a revocation that rolls back terminates nothing
 * elsewhere), and only then. On any other store (Derby: one server) it sends nothing.
 */
@Stateless
public class PostgresTerminationBroadcast implements TerminationBroadcast {

  private static final Logger LOG = Logger.getLogger(PostgresTerminationBroadcast.class.getName());

  @Resource(lookup = StoreKind.JNDI_NAME)
  DataSource store;

  @Override
  public boolean available() {
    return StoreKind.isPostgres(store);
  }

  @Override
  public boolean terminateSession(String sessionId, String reason) {
    return send(TerminationMessage.of(Kind.SESSION, sessionId, reason));
  }

  @Override
  public boolean terminateGrant(String grantId, String reason) {
    return send(TerminationMessage.of(Kind.GRANT, grantId, reason));
  }

  @Override
  public boolean warnGrant(String grantId, String message) {
    return send(TerminationMessage.of(Kind.GRANT_WARNING, grantId, message));
  }

  private boolean send(TerminationMessage message) {
    if (!available()) {
      return false;
    }
    try (Connection connection = store.getConnection();
        PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, TerminationMessage.CHANNEL);
      notify.setString(2, message.toJson());
      notify.execute();
      LOG.fine(() -> "Broadcast " + message.kind() + " termination of " + message.id());
      return true;
    } catch (SQLException e) {
      LOG.log(
          Level.WARNING,
          "could not tell the other gateway servers to end "
              + message.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + message.id(),
          e);
      return false;
    }
  }
}
