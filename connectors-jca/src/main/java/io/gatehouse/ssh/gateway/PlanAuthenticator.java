package io.gatehouse.ssh.gateway;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.RegisteredKey;
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
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Authenticates SSH clients by access token or registered public key: the SSH user names the
 * connection, the password carries the token (or the client proves a key registered through the
 * API), and the control plane decides ({@link SshGateway.Admission}). A key is only looked up until
 * its signature is verified; the session is opened after. An admitted session's plan is compiled
 * (command rules, masking) and its start recorded before the client is let in; the resulting {@link
 * SshSessionState} goes onto the MINA session.
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
    return admit(
        new AccessRequest(
            Protocol.SSH, connectionName, null, password, address(client), true, connectionName),
        null);
  }

  /** Whether the key is registered and unexpired; opens nothing (no signature seen yet). */
  @Override
  public AuthResult authenticatePublicKey(
      String connectionName, PublicKey key, SocketAddress client) {
    RegisteredKey registered;
    try {
      registered = admission.findPublicKey(PublicKeyEntry.toString(key));
    } catch (AccessDeniedException e) {
      return new AuthResult(false, null, e.getMessage(), null, e.getMessage()); // shown, not final
    }
    if (registered == null) {
      return AuthResult.reject("public key " + KeyUtils.getFingerPrint(key) + " is not registered");
    }
    if (registered.expiredAt(clock.instant())) {
      String message = expired(registered);
      return new AuthResult(false, null, message, null, message);
    }
    return AuthResult.accept(registered.identity());
  }

  /** The client holds the key (signature verified): now the session is opened and recorded. */
  @Override
  public AuthResult admitPublicKey(
      String connectionName, PublicKey key, SocketAddress client, AuthResult checked) {
    return admit(
        new AccessRequest(
            Protocol.SSH,
            connectionName,
            null,
            null,
            address(client),
            true,
            connectionName,
            PublicKeyEntry.toString(key)),
        KeyUtils.getFingerPrint(key));
  }

  static String expired(RegisteredKey key) {
    return "the public key "
        + key.fingerprint()
        + " registered by "
        + key.identity()
        + " expired at "
        + key.expiresAt()
        + "; register it again with a fresh access token (POST /api/v1/identities/me/keys)";
  }

  /**
   * @param keyFingerprint the registered key the client proved it holds, for the recording; null
   *     for a token
   */
  private AuthResult admit(AccessRequest request, String keyFingerprint) {
    SessionPlan plan;
    try {
      plan = admission.openSession(request);
    } catch (AccessDeniedException e) {
      return e.reason() == AccessDeniedException.Reason.INVALID_CREDENTIAL
              && request.publicKey() == null
          ? AuthResult.retry(e.getMessage())
          : AuthResult.refuse(e.getMessage());
    }
    SshSessionState state;
    try {
      state = compile(plan);
      state.recordStart(request.clientAddress(), keyFingerprint);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Session " + plan.sessionId() + " refused", e);
      closer.accept(
          new SessionOutcome(plan.sessionId(), clock.instant(), "gateway-error", 0, 0, 0));
      return AuthResult.refuse("the session cannot be started: " + e.getMessage());
    }
    return AuthResult.accept(
        plan.identity(), session -> state.attach(session, live, timers, closer));
  }

  private SshSessionState compile(SessionPlan plan) {
    Optional<CompiledPolicies.Compiled> compiled = policies.of(plan);
    boolean strict = compiled.map(c -> c.policy().recording() == RecordingMode.STRICT).orElse(true);
    SpoolRecorder recorder = new SpoolRecorder(plan.sessionId(), spool, shipper, strict, clock);
    return new SshSessionState(
        plan,
        compiled.map(c -> new PolicyCommandGuard(c.policy(), plan.groups(), analyzer)).orElse(null),
        new PolicyForwardGuard(compiled.map(c -> c.policy()).orElse(null), plan.groups()),
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
