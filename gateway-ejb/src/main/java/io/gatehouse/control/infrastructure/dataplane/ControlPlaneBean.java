package io.gatehouse.control.infrastructure.dataplane;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.ControlPlane;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.RegisteredKey;
import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.control.application.IdentityKeyService;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.ReviewService;
import io.gatehouse.control.application.SessionAdmission;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import java.util.List;

/**
 * The control plane as the data plane sees it: a message-driven bean bound to the resource
 * adapter's {@link ControlPlane} listener interface (the JCA inbound contract). A thin adapter onto
 * {@link SessionAdmission}.
 */
@MessageDriven(name = "ControlPlaneBean", messageListenerInterface = ControlPlane.class)
public class ControlPlaneBean implements ControlPlane {

  @EJB SessionAdmission admission;
  @EJB ReviewService reviews;
  @EJB IdentityKeyService publicKeys;

  // Unshareable: a backend handle lives for a whole client session, on the adapter's threads.
  @Resource(lookup = POSTGRES_BACKENDS, shareable = false)
  Object postgresBackends;

  static final String POSTGRES_BACKENDS = "eis/gatehouse/postgres";

  // Unshareable too: a target session is leased to one gateway session for its whole life.
  @Resource(lookup = SSH_TARGETS, shareable = false)
  Object sshTargets;

  static final String SSH_TARGETS = "eis/gatehouse/ssh";

  @Override
  public SessionPlan openSession(AccessRequest request) throws AccessDeniedException {
    return admission.admit(request);
  }

  @Override
  public boolean requiresTls(Protocol protocol, String connection) {
    return admission.requiresTls(protocol, connection);
  }

  @Override
  public RegisteredKey findPublicKey(String openSshKey) {
    return publicKeys.find(openSshKey);
  }

  @Override
  public int storeEvents(List<RecordedEvent> events) {
    return admission.store(events);
  }

  @Override
  public void closeSession(SessionOutcome outcome) {
    admission.close(outcome);
  }

  @Override
  public Object connectionFactory(String jndiName) {
    if (POSTGRES_BACKENDS.equals(jndiName)) {
      return postgresBackends;
    }
    if (SSH_TARGETS.equals(jndiName)) {
      return sshTargets;
    }
    throw new IllegalArgumentException("no connection factory " + jndiName + " for the data plane");
  }

  @Override
  public ReviewTicket requestReview(ReviewRequestInfo request) throws AccessDeniedException {
    try {
      return reviews.hold(request);
    } catch (ResourceNotFoundException e) {
      throw new AccessDeniedException(
          AccessDeniedException.Reason.UNKNOWN_CONNECTION, e.getMessage());
    }
  }

  @Override
  public ReviewTicket reviewStatus(String reviewId) {
    return reviews.status(reviewId);
  }
}
