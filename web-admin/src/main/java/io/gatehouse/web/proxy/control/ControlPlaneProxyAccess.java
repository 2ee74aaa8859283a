package io.gatehouse.web.proxy.control;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.control.application.SessionAdmission;
import io.gatehouse.web.proxy.ProxyAccess;
import io.gatehouse.web.proxy.ProxyCaller;
import io.gatehouse.web.proxy.ProxyDeniedException;
import io.gatehouse.web.proxy.ProxyTarget;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admits each proxied request as a session of the control plane: the token is verified as MP JWT
 * verifies it, the identity's groups or an active grant must give access to the connection, and the
 * connection's target credential comes back in the plan. One session per request (kubectl runs
 * several requests per command; grouping them is a later step).
 *
 * <p>{@code SessionAdmission} wants the protocol up front and refuses a connection of another type
 * as unknown: the connection is tried as Kubernetes, then as HTTP.
 */
@ApplicationScoped
public class ControlPlaneProxyAccess implements ProxyAccess {

  private static final Logger LOG = Logger.getLogger(ControlPlaneProxyAccess.class.getName());

  @EJB SessionAdmission admission;
  @Inject ProxySessions sessions;

  @Override
  public ProxyTarget resolve(String connection, ProxyCaller caller) throws ProxyDeniedException {
    if (caller.bearerToken() == null || caller.bearerToken().isEmpty()) {
      throw new ProxyDeniedException(401, "an access token is required as Authorization: Bearer");
    }
    SessionPlan plan;
    try {
      plan = admit(Protocol.KUBERNETES, connection, caller);
    } catch (AccessDeniedException e) {
      if (e.reason() != AccessDeniedException.Reason.UNKNOWN_CONNECTION) {
        throw denied(e);
      }
      try {
        plan = admit(Protocol.HTTP, connection, caller);
      } catch (AccessDeniedException second) {
        throw denied(second);
      }
    }
    try {
      ProxyTarget target =
          ProxyTarget.of(
              plan.connection(), plan.protocol(), plan.target(), plan.identity(), plan.sessionId());
      sessions.admitted(plan);
      return target;
    } catch (IllegalArgumentException e) {
      admission.close(new SessionOutcome(plan.sessionId(), Instant.now(), "target-error", 0, 0, 0));
      LOG.log(Level.WARNING, "connection " + connection + " cannot be proxied: " + e.getMessage());
      throw new ProxyDeniedException(502, "connection \"" + connection + "\": " + e.getMessage());
    }
  }

  private SessionPlan admit(Protocol protocol, String connection, ProxyCaller caller)
      throws AccessDeniedException {
    return admission.admit(
        new AccessRequest(
            protocol,
            connection,
            null,
            caller.bearerToken(),
            caller.remoteAddress(),
            caller.tls(),
            null));
  }

  static ProxyDeniedException denied(AccessDeniedException e) {
    int status =
        switch (e.reason()) {
          case INVALID_CREDENTIAL -> 401;
          case NOT_PERMITTED -> 403;
          case UNKNOWN_CONNECTION -> 404;
          case UNAVAILABLE -> 503;
        };
    return new ProxyDeniedException(status, e.getMessage());
  }
}
