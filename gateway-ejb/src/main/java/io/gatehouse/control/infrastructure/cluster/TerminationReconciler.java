package io.gatehouse.control.infrastructure.cluster;

import io.gatehouse.connector.api.GatewayAdminConnection;
import io.gatehouse.connector.api.GatewayAdminConnectionFactory;
import io.gatehouse.connector.api.LiveSessionInfo;
import io.gatehouse.control.domain.model.grant.Grant;
import io.gatehouse.control.domain.model.grant.GrantRepository;
import io.gatehouse.control.domain.model.grant.GrantStatus;
import io.gatehouse.control.domain.model.identity.IdentityPublicKeyRepository;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The safety net under LISTEN/NOTIFY: a notification sent while this server's listener was
 * reconnecting is gone, so after every (re)connect and then periodically the listener asks the
 * store about each session live on this server. A session whose termination was asked for (the
 * request is stored with the session, in the deciding transaction) is ended; so are the sessions of
 * a grant that was revoked or has expired, and those of a public key no longer registered. What the
 * message would have done is done, late by at most one reconciliation interval.
 */
@Stateless
public class TerminationReconciler {

  private static final Logger LOG = Logger.getLogger(TerminationReconciler.class.getName());

  @Inject SessionRepository sessions;
  @Inject GrantRepository grants;
  @Inject IdentityPublicKeyRepository keys;

  @Resource(lookup = GatewayAdminConnectionFactory.JNDI_NAME)
  GatewayAdminConnectionFactory admin;

  /**
   * Ends what the store says should have ended.
   *
   * @return how many sessions were ended
   */
  public int reconcile() {
    try (GatewayAdminConnection connection = admin.getConnection()) {
      return reconcile(connection);
    } catch (ResourceException e) {
      LOG.log(Level.WARNING, "the data plane is unreachable; terminations not reconciled", e);
      return 0;
    }
  }

  int reconcile(GatewayAdminConnection connection) {
    List<LiveSessionInfo> live = connection.liveSessions();
    int ended = 0;
    Set<String> grantsSeen = new HashSet<>();
    for (LiveSessionInfo info : live) {
      Optional<GatewaySession> stored = sessions.find(info.sessionId());
      Optional<String> asked =
          stored
              .flatMap(GatewaySession::terminationRequested)
              .or(() -> stored.flatMap(this::keyNoLongerRegistered));
      if (asked.isPresent() && connection.terminate(info.sessionId(), asked.get())) {
        ended++;
        LOG.info(() -> "Session " + info.sessionId() + " ended on reconciliation: " + asked.get());
        continue;
      }
      String grantId = info.grantId();
      if (grantId != null && grantsSeen.add(grantId)) {
        Optional<GrantStatus> over =
            grants.find(grantId).map(Grant::status).filter(TerminationReconciler::isOver);
        if (over.isPresent()) {
          String reason =
              "access grant " + grantId + " " + over.get().name().toLowerCase(Locale.ROOT);
          int count = connection.terminateGrant(grantId, reason);
          ended += count;
          if (count > 0) {
            LOG.info(() -> count + " session(s) ended on reconciliation: " + reason);
          }
        }
      }
    }
    return ended;
  }

  /**
   * A session a public key logged in, the key since deleted: the deletion asks for the sessions it
   * finds to end, but one admitted while the deletion committed (PostgreSQL reads committed rows
   * only) is caught here.
   */
  private Optional<String> keyNoLongerRegistered(GatewaySession session) {
    return session
        .keyFingerprint()
        .filter(
            fp ->
                keys.findByFingerprint(fp)
                    .filter(key -> key.identity().equals(session.identity()))
                    .isEmpty())
        .map(fp -> "the public key " + fp + " is no longer registered to " + session.identity());
  }

  static boolean isOver(GrantStatus status) {
    return status == GrantStatus.EXPIRED || status == GrantStatus.REVOKED;
  }
}
