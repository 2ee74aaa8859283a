package io.gatehouse.ssh.server;

import java.util.Objects;

/**
 * The outcome of one authentication attempt.
 *
 * @param accepted whether the client may proceed
 * @param identity who the client is (subject of the token, key owner) when accepted
 * @param reason why it was rejected, for the log (never shown with secrets)
 */
public record AuthResult(boolean accepted, String identity, String reason) {

  public AuthResult {
    if (accepted) {
      Objects.requireNonNull(identity, "identity");
    }
  }

  public static AuthResult accept(String identity) {
    return new AuthResult(true, identity, "accepted");
  }

  public static AuthResult reject(String reason) {
    return new AuthResult(false, null, reason);
  }
}
