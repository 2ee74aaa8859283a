package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.DataPlaneSessions;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.SessionTermination;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionStatus;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.logging.Logger;

@Stateless
public class DefaultSessionTermination implements SessionTermination {

  private static final Logger LOG = Logger.getLogger(DefaultSessionTermination.class.getName());

  @Inject SessionRepository sessions;
  @EJB DataPlaneSessions dataPlane;

  @Override
  public void terminate(Caller caller, String sessionId, String reason) {
    DefaultGrantService.requireReason(reason);
    GatewaySession session =
        sessions
            .find(sessionId)
            .orElseThrow(
                () -> new ResourceNotFoundException("No session with id '" + sessionId + "'"));
    if (session.status() != SessionStatus.ACTIVE) {
      throw new ResourceConflictException("session " + sessionId + " is not running");
    }
    String message = "session terminated by " + caller.name() + ": " + reason.strip();
    // Kept in the store, so the server holding the session ends it even if the message is lost.
    session.requestTermination(message);
    if (!dataPlane.terminate(sessionId, message)) {
      throw new ResourceConflictException(
          "session " + sessionId + " is not running on this server's data plane");
    }
    LOG.info(() -> "Session " + sessionId + " terminated by " + caller.name() + ": " + reason);
  }
}
