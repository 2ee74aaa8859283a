package io.gatehouse.ssh.gateway;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.ra.LiveSessions;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.policy.CompiledPolicies;
import io.gatehouse.policy.RecordingMode;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolRecorder;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.ssh.command.CommandAnalyzer;
import io.gatehouse.ssh.server.AuthResult;
import io.gatehouse.ssh.server.GatewayAuthenticator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Authenticates SSH clients by access token: the SSH user names the connection, the password
 * carries the token, and the control plane decides ({@link SshGateway.Admission}). An admitted
 * session's plan is compiled (command rules, masking) and its start recorded before the client is
 * let in; the resulting {@link SshSessionState} goes onto the MINA session.
 */
final class PlanAuthenticator implements GatewayAuthenticator {

  private static final Logger LOG = Logger.getLogger(PlanAuthenticator.class.getName());

  private final SshGateway.Admission admission;
  private final Consumer<SessionOutcome> closer;
  private final EventSpool spool;
  private final SpoolShipper shipper;
  private final ScheduledExecutorService timers;
  private final LiveSessions live;
  private final Clock clock;
  private final CompiledPolicies policies = new CompiledPolicies();
  private final CommandAnalyzer analyzer = new CommandAnalyzer();

  PlanAuthenticator(
      SshGateway.Admission admission,
      Consumer<SessionOutcome> closer,
      EventSpool spool,
      SpoolShipper shipper,
      ScheduledExecutorService timers,
      LiveSessions live,
      Clock clock) {
    this.admission = admission;
    this.closer = closer;
    this.spool = spool;
    this.shipper = shipper;
    this.timers = timers;
    this.live = live;
    this.clock = clock;
  }

  @Override
  public AuthResult authenticatePassword(
      String connectionName, String password, SocketAddress client) {
    String address = address(client);
    SessionPlan plan;
    try {
      plan =
          admission.openSession(
              new AccessRequest(
                  Protocol.SSH, connectionName, null, password, address, true, connectionName));
    } catch (AccessDeniedException e) {
      return e.reason() == AccessDeniedException.Reason.INVALID_CREDENTIAL
          ? AuthResult.reject(e.getMessage())
          : AuthResult.refuse(e.getMessage());
    }
    SshSessionState state;
    try {
      state = compile(plan);
      state.recordStart(address);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Session " + plan.sessionId() + " refused", e);
      closer.accept(
          new SessionOutcome(plan.sessionId(), clock.instant(), "gateway-error", 0, 0, 0));
      return AuthResult.refuse("the session cannot be started: " + e.getMessage());
    }
    return AuthResult.accept(
        plan.identity(), session -> state.attach(session, live, timers, closer));
  }

  @Override
  public AuthResult authenticatePublicKey(
      String connectionName, PublicKey key, SocketAddress client) {
    return AuthResult.reject(
        "public keys registered to identities are not supported yet; use the access token as"
            + " password");
  }

  private SshSessionState compile(SessionPlan plan) {
    Optional<CompiledPolicies.Compiled> compiled = policies.of(plan);
    boolean strict = compiled.map(c -> c.policy().recording() == RecordingMode.STRICT).orElse(true);
    SpoolRecorder recorder = new SpoolRecorder(plan.sessionId(), spool, shipper, strict, clock);
    return new SshSessionState(
        plan,
        compiled.map(c -> new PolicyCommandGuard(c.policy(), plan.groups(), analyzer)).orElse(null),
        compiled.map(c -> c.maskingFor(plan.groups())).orElse(MaskingPlan.empty()),
        recorder,
        clock);
  }

  private static String address(SocketAddress client) {
    return client instanceof InetSocketAddress inet
        ? inet.getAddress().getHostAddress()
        : String.valueOf(client);
  }
}
