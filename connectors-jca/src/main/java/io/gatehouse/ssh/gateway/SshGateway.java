package io.gatehouse.ssh.gateway;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.RegisteredKey;
import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.ra.LiveSessions;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.ssh.relay.SshRelay;
import io.gatehouse.ssh.relay.TargetPool;
import io.gatehouse.ssh.server.GatewaySshProperties;
import io.gatehouse.ssh.server.GatewaySshServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The SSH data path, assembled: the gateway's SSH listener authenticating by access token through
 * the control plane, relaying each admitted session to the target of its plan under the plan's
 * command rules, masking and recording.
 */
public final class SshGateway implements AutoCloseable {

  /** The control plane's admission decision. */
  @FunctionalInterface
  public interface Admission {
    SessionPlan openSession(AccessRequest request) throws AccessDeniedException;

    /**
     * The registration of a public key ({@code type base64}), or null when it has none; opens
     * nothing (see {@link io.gatehouse.connector.api.ControlPlane#findPublicKey}). By default no
     * key is registered.
     */
    default RegisteredKey findPublicKey(String openSshKey) throws AccessDeniedException {
      return null;
    }
  }

  /** The control plane's reviews of commands a policy holds. */
  public interface Reviews {
    ReviewTicket request(ReviewRequestInfo request) throws AccessDeniedException;

    ReviewTicket status(String reviewId) throws AccessDeniedException;
  }

  /**
   * Where the listener binds and keeps its host key, and its per-connection limits.
   *
   * @param echoWait how long Enter waits for the target's echo in an interactive shell ({@link
   *     GatewaySshProperties#ECHO_WAIT})
   * @param maxSessionChannels session channels a connection may have open at once ({@link
   *     GatewaySshProperties#MAX_SESSION_CHANNELS})
   * @param authFailureBurst failed authentications a source may make before it is blocked ({@link
   *     GatewaySshProperties#AUTH_FAILURE_BURST})
   */
  public record Settings(
      String host,
      int port,
      Path hostKeyDirectory,
      Duration echoWait,
      int maxSessionChannels,
      int authFailureBurst) {

    public Settings {
      if (echoWait == null || echoWait.isNegative() || echoWait.toMillis() > 10_000) {
        throw new IllegalArgumentException("the SSH echo wait must be 0-10000 ms, not " + echoWait);
      }
      if (maxSessionChannels < 1) {
        throw new IllegalArgumentException(
            "the SSH channel limit must be at least 1, not " + maxSessionChannels);
      }
      if (authFailureBurst < 1) {
        throw new IllegalArgumentException(
            "the SSH failed-authentication burst must be at least 1, not " + authFailureBurst);
      }
    }

    /** With the default limits. */
    public Settings(String host, int port, Path hostKeyDirectory) {
      this(
          host,
          port,
          hostKeyDirectory,
          GatewaySshProperties.ECHO_WAIT.getRequiredDefault(),
          GatewaySshProperties.MAX_SESSION_CHANNELS.getRequiredDefault(),
          GatewaySshProperties.AUTH_FAILURE_BURST.getRequiredDefault());
    }
  }

  private final SshRelay relay;
  private final GatewaySshServer server;

  private SshGateway(SshRelay relay, GatewaySshServer server) {
    this.relay = relay;
    this.server = server;
  }

  /**
   * Starts the listener.
   *
   * @param shipper the spool's shipper (strict sessions stop when the store is unhealthy), or null
   * @param closer told when each session ends
   */
  public static SshGateway start(
      Settings settings,
      Admission admission,
      Consumer<SessionOutcome> closer,
      EventSpool spool,
      SpoolShipper shipper,
      ScheduledExecutorService timers,
      LiveSessions live,
      Clock clock)
      throws IOException {
    return start(settings, admission, null, closer, spool, shipper, timers, live, clock, null);
  }

  /**
   * Starts the listener, holding commands a policy sends to review until {@code reviews} decide,
   * with target sessions from {@code targets} (the resource adapter's pool).
   *
   * @param reviews the control plane's reviews; null refuses what a policy holds for review
   * @param targets the target session pool; null opens a fresh target session per gateway session
   */
  public static SshGateway start(
      Settings settings,
      Admission admission,
      Reviews reviews,
      Consumer<SessionOutcome> closer,
      EventSpool spool,
      SpoolShipper shipper,
      ScheduledExecutorService timers,
      LiveSessions live,
      Clock clock,
      TargetPool targets)
      throws IOException {
    SshRelay relay =
        new SshRelay(
            new PlanTargets(),
            new SessionCommandGuard(reviews),
            new RecordedChannels(timers, reviews),
            new RecordedForwards(),
            targets);
    try {
      GatewaySshServer server =
          GatewaySshServer.builder()
              .host(settings.host())
              .port(settings.port())
              .hostKeyDirectory(settings.hostKeyDirectory())
              .authenticator(
                  new PlanAuthenticator(admission, closer, spool, shipper, timers, live, clock))
              .handlers(relay.handlers())
              .property(GatewaySshProperties.ECHO_WAIT, settings.echoWait())
              .property(GatewaySshProperties.MAX_SESSION_CHANNELS, settings.maxSessionChannels())
              .property(GatewaySshProperties.AUTH_FAILURE_BURST, settings.authFailureBurst())
              .start();
      return new SshGateway(relay, server);
    } catch (IOException | RuntimeException e) {
      relay.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public String hostKeyFingerprint() {
    return server.hostKeyFingerprint();
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      relay.close();
    }
  }
}
