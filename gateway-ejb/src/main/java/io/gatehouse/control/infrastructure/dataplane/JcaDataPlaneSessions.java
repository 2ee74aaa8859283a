package io.gatehouse.control.infrastructure.dataplane;

import io.gatehouse.connector.api.GatewayAdminConnection;
import io.gatehouse.connector.api.GatewayAdminConnectionFactory;
import io.gatehouse.control.application.DataPlaneSessions;
import io.gatehouse.control.application.TerminationBroadcast;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.resource.ResourceException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reaches the data plane's live sessions through the resource adapter's outbound admin connection
 * factory (the JCA outbound contract, the mirror of the inbound {@code ControlPlane}), and the
 * other servers' through the {@link TerminationBroadcast} (PostgreSQL LISTEN/NOTIFY).
 */
@Stateless
public class JcaDataPlaneSessions implements DataPlaneSessions {

  private static final Logger LOG = Logger.getLogger(JcaDataPlaneSessions.class.getName());

  @Resource(lookup = GatewayAdminConnectionFactory.JNDI_NAME)
  GatewayAdminConnectionFactory admin;

  @EJB TerminationBroadcast others;

  @Override
  public boolean terminate(String sessionId, String reason) {
    if (terminateHere(sessionId, reason)) {
      return true;
    }
    // Not on this server: whichever server holds it ends it when this transaction commits.
    return others.terminateSession(sessionId, reason);
  }

  private boolean terminateHere(String sessionId, String reason) {
    try (GatewayAdminConnection connection = admin.getConnection()) {
      return connection.terminate(sessionId, reason);
    } catch (ResourceException e) {
      LOG.log(Level.WARNING, "the data plane is unreachable; session " + sessionId + " runs on", e);
      return false;
    }
  }

  @Override
  public int warnGrant(String grantId, String message) {
    others.warnGrant(grantId, message);
    try (GatewayAdminConnection connection = admin.getConnection()) {
      return connection.warnGrant(grantId, message);
    } catch (ResourceException e) {
      LOG.log(
          Level.WARNING,
          "the data plane is unreachable; sessions of grant " + grantId + " are not warned",
          e);
      return 0;
    }
  }

  @Override
  public int terminateGrant(String grantId, String reason) {
    // A grant's sessions may be spread over every server: always tell the others too.
    others.terminateGrant(grantId, reason);
    try (GatewayAdminConnection connection = admin.getConnection()) {
      return connection.terminateGrant(grantId, reason);
    } catch (ResourceException e) {
      LOG.log(
          Level.WARNING,
          "the data plane is unreachable; sessions of grant " + grantId + " run on",
          e);
      return 0;
    }
  }
}
