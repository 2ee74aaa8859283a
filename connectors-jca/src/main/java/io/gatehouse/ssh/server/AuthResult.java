package io.gatehouse.ssh.server;

import java.util.Objects;
import java.util.function.Consumer;
import org.apache.sshd.server.session.ServerSession;

/**
 * The outcome of one authentication attempt.
 *
 * @param accepted whether the client may proceed
 * @param identity who the client is (subject of the token, key owner) when accepted
 * @param reason why it was rejected, for the log (never shown with secrets)
 * @param onAccepted run on the session once accepted (attach the session plan, register it), or
 *     null
 * @param clientMessage when rejected: a message safe to show the client, who is then disconnected
 *     with it (a definite refusal, not a mistyped password); null to let the client retry
 * @param hint when rejected and the client may retry (a wrong or expired token): why, safe to show
 *     the client (sent as an authentication banner); null to tell nothing
 */
public record AuthResult(
    boolean accepted,
    String identity,
    String reason,
    Consumer<ServerSession> onAccepted,
    String clientMessage,
    String hint) {

  public AuthResult {
    if (accepted) {
      Objects.requireNonNull(identity, "identity");
    }
  }

  public AuthResult(boolean accepted, String identity, String reason) {
    this(accepted, identity, reason, null, null, null);
  }

  public AuthResult(
      boolean accepted,
      String identity,
      String reason,
      Consumer<ServerSession> onAccepted,
      String clientMessage) {
    this(accepted, identity, reason, onAccepted, clientMessage, null);
  }

  public static AuthResult accept(String identity) {
    return new AuthResult(true, identity, "accepted");
  }

  /** Accepted, with what to attach to the session. */
  public static AuthResult accept(String identity, Consumer<ServerSession> onAccepted) {
    return new AuthResult(true, identity, "accepted", onAccepted, null);
  }

  public static AuthResult reject(String reason) {
    return new AuthResult(false, null, reason);
  }

  /** Rejected, telling the client why; it may try again (another token, another method). */
  public static AuthResult retry(String messageForClient) {
    return new AuthResult(false, null, messageForClient, null, null, messageForClient);
  }

  /** Rejected, telling the client why and ending the connection. */
  public static AuthResult refuse(String messageForClient) {
    return new AuthResult(false, null, messageForClient, null, messageForClient);
  }
}
