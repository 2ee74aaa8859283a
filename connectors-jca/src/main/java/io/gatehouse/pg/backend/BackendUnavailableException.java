package io.gatehouse.pg.backend;

/** The target could not be reached or stopped answering: refused, unknown host, timed out. */
public class BackendUnavailableException extends BackendException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
