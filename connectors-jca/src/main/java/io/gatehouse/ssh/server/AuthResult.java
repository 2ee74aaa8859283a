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
 */
public record AuthResult(
    boolean accepted,
    String identity,
    String reason,
    Consumer<ServerSession> onAccepted,
    String clientMessage) {

  public AuthResult {
    if (accepted) {
      Objects.requireNonNull(identity, "identity");
    }
  }

  public AuthResult(boolean accepted, String identity, String reason) {
    this(accepted, identity, reason, null, null);
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

  /** Rejected, telling the client why and ending the connection. */
  public static AuthResult refuse(String messageForClient) {
    return new AuthResult(false, null, messageForClient, null, messageForClient);
  }
}
