package io.gatehouse.connector.ra;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.RegisteredKey;
import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.ssh.gateway.PooledTargets;
import io.gatehouse.ssh.gateway.SshGateway;
import io.gatehouse.ssh.pool.SshTargetConnectionFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SSH data path inside the resource adapter: the SSH listener, with access decided by the
 * control plane, targets and rules from each session's plan, and events into the spool.
 */
final class SshDataPath {

  private static final Logger LOG = Logger.getLogger(SshDataPath.class.getName());

  private final SshGateway gateway;

  private SshDataPath(SshGateway gateway) {
    this.gateway = gateway;
  }

  static SshDataPath start(
      SshGateway.Settings settings,
      ControlPlaneEndpoint controlPlane,
      EventSpool spool,
      SpoolShipper shipper,
      ScheduledExecutorService timers,
      LiveSessions live)
      throws IOException {
    SshGateway gateway =
        SshGateway.start(
            settings,
            new SshGateway.Admission() {
              @Override
              public SessionPlan openSession(AccessRequest request) throws AccessDeniedException {
                return controlPlane.call(cp -> cp.openSession(request));
              }

              @Override
              public RegisteredKey findPublicKey(String openSshKey) throws AccessDeniedException {
                return controlPlane.call(cp -> cp.findPublicKey(openSshKey));
              }
            },
            new SshGateway.Reviews() {
              @Override
              public ReviewTicket request(ReviewRequestInfo request) throws AccessDeniedException {
                return controlPlane.call(cp -> cp.requestReview(request));
              }

              @Override
              public ReviewTicket status(String reviewId) throws AccessDeniedException {
                return controlPlane.call(cp -> cp.reviewStatus(reviewId));
              }
            },
            controlPlane::closeSessionQuietly,
            spool,
            shipper,
            timers,
            live,
            Clock.systemUTC(),
            new PooledTargets(() -> targetFactory(controlPlane)));
    LOG.info(() -> "SSH host key kept in " + settings.hostKeyDirectory());
    return new SshDataPath(gateway);
  }

  // The pool (eis/gatehouse/ssh) is the container's; the control plane's bean hands it over.
  private static SshTargetConnectionFactory targetFactory(ControlPlaneEndpoint controlPlane)
      throws IOException {
    try {
      return (SshTargetConnectionFactory)
          controlPlane.call(cp -> cp.connectionFactory(SshTargetConnectionFactory.JNDI_NAME));
    } catch (AccessDeniedException | RuntimeException e) {
      throw new IOException(
          "target session pool " + SshTargetConnectionFactory.JNDI_NAME + " is not available", e);
    }
  }

  static Path hostKeyDirectory(String configured) {
    return configured == null || configured.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "gatehouse-ssh")
        : Path.of(configured);
  }

  void stop() {
    try {
      gateway.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the SSH listener failed", e);
    }
  }
}
