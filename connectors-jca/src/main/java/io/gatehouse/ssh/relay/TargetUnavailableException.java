package io.gatehouse.ssh.relay;

import java.io.IOException;

/** The target cannot be reached or refused the gateway; the message is safe to show clients. */
public final class TargetUnavailableException extends IOException {

  private static final long serialVersionUID = 1L;

  public TargetUnavailableException(String message) {
    super(message);
  }

  public TargetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
