package io.gatehouse.control.infrastructure.dataplane;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.ControlPlane;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import jakarta.ejb.MessageDriven;
import java.util.List;
import java.util.logging.Logger;

/**
 * The control plane as the data plane sees it: a message-driven bean bound to the resource
 * adapter's {@link ControlPlane} listener interface (JCA inbound contract).
 */
@MessageDriven(name = "ControlPlaneBean", messageListenerInterface = ControlPlane.class)
public class ControlPlaneBean implements ControlPlane {

  private static final Logger LOG = Logger.getLogger(ControlPlaneBean.class.getName());

  @Override
  public SessionPlan openSession(AccessRequest request) throws AccessDeniedException {
    LOG.info(() -> "openSession " + request);
    throw new AccessDeniedException(
        AccessDeniedException.Reason.UNKNOWN_CONNECTION, "no connection " + request.connection());
  }

  @Override
  public int storeEvents(List<RecordedEvent> events) {
    return 0;
  }

  @Override
  public void closeSession(SessionOutcome outcome) {}
}
