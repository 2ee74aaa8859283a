package io.gatehouse.ssh.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Bridges MINA's password (and, through {@code DefaultKeyboardInteractiveAuthenticator},
 * keyboard-interactive) and public-key authentication to the {@link GatewayAuthenticator} SPI,
 * applying the per-source {@link AuthFailureLimiter}. Only rejected passwords drain the bucket:
 * clients routinely offer several keys, keys cannot be guessed, and a refused token (valid, but
 * without access to the connection) is not a guess.
 */
final class GatewayUserAuthenticator implements PasswordAuthenticator, PublickeyAuthenticator {

  private static final Logger LOG = Logger.getLogger(GatewayUserAuthenticator.class.getName());

  private final GatewayAuthenticator delegate;
  private final AuthFailureLimiter limiter;

  GatewayUserAuthenticator(GatewayAuthenticator delegate, AuthFailureLimiter limiter) {
    this.delegate = delegate;
    this.limiter = limiter;
  }

  @Override
  public boolean authenticate(String connectionName, String password, ServerSession session) {
    SocketAddress client = session.getClientAddress();
    return check(
        session,
        connectionName,
        "password",
        true,
        () -> delegate.authenticatePassword(connectionName, password, client));
  }

  @Override
  public boolean authenticate(String connectionName, PublicKey key, ServerSession session) {
    SocketAddress client = session.getClientAddress();
    return check(
        session,
        connectionName,
        "publickey",
        false,
        () -> delegate.authenticatePublicKey(connectionName, key, client));
  }

  private boolean check(
      ServerSession session,
      String connectionName,
      String method,
      boolean countsAsGuess,
      Supplier<AuthResult> attempt) {
    InetAddress source = sourceOf(session.getClientAddress());
    if (source != null && limiter.isBlocked(source)) {
      refuseBlocked(session, source);
      return false;
    }
    AuthResult result = attemptSafely(session, attempt);
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
    // A refusal (a message for the client) means the token was good but gives no access here:
    // not a guess. Counting it would let any valid token holder lock out everyone else behind
    // the same address, such as the exec API's calls, which all come from 127.0.0.1.
    if (countsAsGuess && source != null && result.clientMessage() == null) {
      limiter.recordFailure(source);
    }
    if (result.clientMessage() != null) {
      refuse(session, result.clientMessage());
    }
    String reason = result.reason();
    LOG.info(
        () ->
            "session "
                + session
                + ": "
                + method
                + " authentication of "
                + connectionName
                + " from "
                + source
                + " rejected: "
                + reason);
    return false;
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
