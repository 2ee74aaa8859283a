package io.gatehouse.ssh.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Bridges MINA's password (and, through {@code DefaultKeyboardInteractiveAuthenticator},
 * keyboard-interactive) and public-key authentication to the {@link GatewayAuthenticator} SPI,
 * applying the per-source {@link AuthFailureLimiter}.
 *
 * <p>Public keys take two steps: {@link #authenticate(String, PublicKey, ServerSession)} only
 * checks the key (MINA calls it before any signature), and {@link VerifiedKeyAuth} calls {@link
 * #admitVerified} once the signature is good, which opens the session. Failures that drain the
 * bucket: every rejected token; for keys, a signature that does not verify and the first
 * unregistered key of a connection (clients routinely offer several keys, so later ones in the same
 * connection are free; MINA allows 10 attempts per connection). A refusal of a good token or a
 * verified key that gives no access to the connection is not a guess and drains nothing: counting
 * it would let any valid token holder lock out everyone behind the same address, such as the exec
 * API's calls, which all come from 127.0.0.1.
 */
final class GatewayUserAuthenticator implements PasswordAuthenticator, PublickeyAuthenticator {

  private static final Logger LOG = Logger.getLogger(GatewayUserAuthenticator.class.getName());

  /** A key checked (not yet proven) in the current public-key request. */
  record CheckedKey(PublicKey key, AuthResult result) {}

  static final AttributeKey<CheckedKey> CHECKED_KEY = new AttributeKey<>();
  private static final AttributeKey<Boolean> UNKNOWN_KEY_COUNTED = new AttributeKey<>();

  private final GatewayAuthenticator delegate;
  private final AuthFailureLimiter limiter;

  GatewayUserAuthenticator(GatewayAuthenticator delegate, AuthFailureLimiter limiter) {
    this.delegate = delegate;
    this.limiter = limiter;
  }

  @Override
  public boolean authenticate(String connectionName, String password, ServerSession session) {
    SocketAddress client = session.getClientAddress();
    if (blocked(session)) {
      return false;
    }
    AuthResult result =
        attemptSafely(
            session, () -> delegate.authenticatePassword(connectionName, password, client));
    return settle(session, connectionName, "password", result);
  }

  /** The key check, before any signature: opens nothing. */
  @Override
  public boolean authenticate(String connectionName, PublicKey key, ServerSession session) {
    SocketAddress client = session.getClientAddress();
    if (blocked(session)) {
      return false;
    }
    AuthResult result =
        attemptSafely(session, () -> delegate.authenticatePublicKey(connectionName, key, client));
    if (result.accepted()) {
      session.setAttribute(CHECKED_KEY, new CheckedKey(key, result));
      return true;
    }
    boolean first = session.setAttribute(UNKNOWN_KEY_COUNTED, Boolean.TRUE) == null;
    InetAddress source = sourceOf(client);
    if (first && source != null) {
      limiter.recordFailure(source);
    }
    if (result.clientMessage() != null) {
      banner(session, result.clientMessage());
    }
    logRejected(
        session,
        "public key " + HostKeys.fingerprint(key),
        connectionName,
        source,
        result.reason());
    return false;
  }

  /**
   * The client has proven it holds the key MINA just verified: open its session now.
   *
   * @param checked what {@link #authenticate(String, PublicKey, ServerSession)} stored for the key
   *     of this request
   */
  boolean admitVerified(
      ServerSession session, String connectionName, CheckedKey checked, PublicKey verified) {
    if (checked == null || verified == null || !KeyUtils.compareKeys(checked.key(), verified)) {
      // Cannot happen with MINA's flow; refuse rather than admit a key nobody checked.
      return settle(
          session, connectionName, "publickey", AuthResult.reject("verified key was not checked"));
    }
    SocketAddress client = session.getClientAddress();
    AuthResult result =
        attemptSafely(
            session,
            () -> delegate.admitPublicKey(connectionName, verified, client, checked.result()));
    return settle(session, connectionName, "publickey " + HostKeys.fingerprint(verified), result);
  }

  /** A public-key signature that did not verify. */
  void signatureFailed(
      ServerSession session, String connectionName, CheckedKey checked, Exception error) {
    InetAddress source = sourceOf(session.getClientAddress());
    if (source != null) {
      limiter.recordFailure(source);
    }
    String key = checked == null ? "?" : HostKeys.fingerprint(checked.key());
    logRejected(session, "public key " + key, connectionName, source, error.getMessage());
  }

  private static void logRejected(
      ServerSession session, String what, String connectionName, InetAddress source, String why) {
    LOG.info(
        () ->
            "session "
                + session
                + ": "
                + what
                + " authentication of "
                + connectionName
                + " from "
                + source
                + " rejected: "
                + why);
  }

  private boolean blocked(ServerSession session) {
    InetAddress source = sourceOf(session.getClientAddress());
    if (source != null && limiter.isBlocked(source)) {
      refuseBlocked(session, source);
      return true;
    }
    return false;
  }

  private boolean settle(
      ServerSession session, String connectionName, String method, AuthResult result) {
    InetAddress source = sourceOf(session.getClientAddress());
    if (result.accepted()) {
      session.setAttribute(SessionAttributes.IDENTITY, result.identity());
      if (result.onAccepted() != null) {
        result.onAccepted().accept(session);
      }
      LOG.info(
          () ->
              "session "
                  + session
                  + ": "
                  + method
                  + " authentication of "
                  + connectionName
                  + " accepted for "
                  + result.identity());
      return true;
    }
    // A refusal with a message for the client: the token or key was good, but gives no access.
    if (source != null && result.clientMessage() == null) {
      limiter.recordFailure(source);
    }
    if (result.clientMessage() != null) {
      refuse(session, result.clientMessage());
    } else if (result.hint() != null) {
      banner(session, result.hint());
    }
    logRejected(session, method, connectionName, source, result.reason());
    return false;
  }

  /** Shown by the client (OpenSSH at its default log level), which may go on trying. */
  private static void banner(ServerSession session, String message) {
    try {
      String text = "gatehouse: " + message + "\r\n";
      Buffer buffer =
          session.createBuffer(SshConstants.SSH_MSG_USERAUTH_BANNER, text.length() + 16);
      buffer.putString(text);
      buffer.putString("");
      session.writePacket(buffer);
    } catch (IOException e) {
      LOG.log(Level.FINE, "banner failed", e);
    }
  }

  private static AuthResult attemptSafely(ServerSession session, Supplier<AuthResult> attempt) {
    try {
      return attempt.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session " + session + ": authenticator failed", e);
      return AuthResult.reject("authenticator error");
    }
  }

  private static void refuse(ServerSession session, String message) {
    try {
      session.disconnect(
          SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE, "gatehouse: " + message);
    } catch (IOException e) {
      LOG.log(Level.FINE, "disconnect failed", e);
    }
  }

  private void refuseBlocked(ServerSession session, InetAddress source) {
    long seconds = Math.max(1, limiter.retryAfter(source).toSeconds());
    String message =
        "too many failed authentication attempts from "
            + source.getHostAddress()
            + "; try again in "
            + seconds
            + " s";
    LOG.warning(() -> "session " + session + ": " + message);
    try {
      session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE, message);
    } catch (IOException e) {
      LOG.log(Level.FINE, "disconnect failed", e);
    }
  }

  private static InetAddress sourceOf(SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
