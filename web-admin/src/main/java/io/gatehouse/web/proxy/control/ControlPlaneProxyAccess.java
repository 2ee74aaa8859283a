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
 * connection's target credential comes back in the plan. Requests of one token on one connection
 * share a session while they keep coming ({@link ProxySessions}).
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
    ProxySessions.Grouped session;
    try {
      session = sessions.join(connection, caller.bearerToken(), () -> admitNew(connection, caller));
    } catch (AccessDeniedException e) {
      throw denied(e);
    } catch (Unproxiable e) {
      throw e.denied;
    }
    SessionPlan plan = session.plan;
    return ProxyTarget.of(
        plan.connection(), plan.protocol(), plan.target(), plan.identity(), plan.sessionId());
  }

  /** Admits a new session: as Kubernetes, else as HTTP; refuses credentials it cannot inject. */
  private SessionPlan admitNew(String connection, ProxyCaller caller) throws AccessDeniedException {
    SessionPlan plan;
    try {
      plan = admit(Protocol.KUBERNETES, connection, caller);
    } catch (AccessDeniedException e) {
      if (e.reason() != AccessDeniedException.Reason.UNKNOWN_CONNECTION) {
        throw e;
      }
      plan = admit(Protocol.HTTP, connection, caller);
    }
    try {
      ProxyTarget.of(
          plan.connection(), plan.protocol(), plan.target(), plan.identity(), plan.sessionId());
      return plan;
    } catch (IllegalArgumentException e) {
      admission.close(new SessionOutcome(plan.sessionId(), Instant.now(), "target-error", 0, 0, 0));
      LOG.log(Level.WARNING, "connection " + connection + " cannot be proxied: " + e.getMessage());
      throw new Unproxiable(
          new ProxyDeniedException(502, "connection \"" + connection + "\": " + e.getMessage()));
    }
  }

  /** Carries a 502 out of the admission callback. */
  private static final class Unproxiable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ProxyDeniedException denied;

    Unproxiable(ProxyDeniedException denied) {
      super(denied.getMessage(), null, false, false);
      this.denied = denied;
    }
  }

  // A failing store surfaces as an EJBException: a 503 that says so, not a 500 with a stack.
  private SessionPlan admit(Protocol protocol, String connection, ProxyCaller caller)
      throws AccessDeniedException {
    try {
      return admission.admit(
          new AccessRequest(
              protocol,
              connection,
              null,
              caller.bearerToken(),
              caller.remoteAddress(),
              caller.tls(),
              null));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "admission failed", e);
      throw AccessDeniedException.controlPlaneFailed(e);
    }
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
