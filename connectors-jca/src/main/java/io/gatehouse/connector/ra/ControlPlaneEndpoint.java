package io.gatehouse.connector.ra;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.ControlPlane;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The data plane's handle on the control plane: the activated message endpoint factory. Each call
 * takes an endpoint from the container, invokes the listener method (the container runs it in the
 * bean's transaction) and releases the endpoint.
 */
public final class ControlPlaneEndpoint {

  private static final Logger LOG = Logger.getLogger(ControlPlaneEndpoint.class.getName());

  /** A call on the control plane that may refuse access. */
  @FunctionalInterface
  public interface Call<T> {
    T apply(ControlPlane controlPlane) throws AccessDeniedException;
  }

  private final AtomicReference<MessageEndpointFactory> factory = new AtomicReference<>();

  void activate(MessageEndpointFactory endpointFactory) {
    factory.set(endpointFactory);
    LOG.info("Control plane endpoint activated");
  }

  void deactivate(MessageEndpointFactory endpointFactory) {
    if (factory.compareAndSet(endpointFactory, null)) {
      LOG.info("Control plane endpoint deactivated");
    }
  }

  public boolean active() {
    return factory.get() != null;
  }

  /**
   * Runs {@code call} on a control-plane endpoint.
   *
   * @throws AccessDeniedException from the call, or UNAVAILABLE when no control plane is active
   */
  public <T> T call(Call<T> call) throws AccessDeniedException {
    MessageEndpointFactory current = factory.get();
    if (current == null) {
      throw unavailable("the control plane is not running yet");
    }
    MessageEndpoint endpoint;
    try {
      endpoint = current.createEndpoint(null);
    } catch (UnavailableException e) {
      throw unavailable("the control plane is unavailable");
    }
    try {
      return call.apply((ControlPlane) endpoint);
    } catch (RuntimeException e) {
      // Typically the store is unreachable: refuse clearly instead of dropping the client.
      LOG.log(java.util.logging.Level.FINE, "control plane call failed", e);
      throw AccessDeniedException.controlPlaneFailed(e);
    } finally {
      endpoint.release();
    }
  }

  /** Tells the control plane a session ended; a failure is logged, never thrown. */
  public void closeSessionQuietly(io.gatehouse.connector.api.SessionOutcome outcome) {
    try {
      call(
          cp -> {
            cp.closeSession(outcome);
            return null;
          });
    } catch (Exception e) {
      LOG.log(
          java.util.logging.Level.WARNING,
          "could not record the end of session " + outcome.sessionId(),
          e);
    }
  }

  private static AccessDeniedException unavailable(String message) {
    return new AccessDeniedException(AccessDeniedException.Reason.UNAVAILABLE, message);
  }
}
