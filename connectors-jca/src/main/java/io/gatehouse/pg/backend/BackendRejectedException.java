package io.gatehouse.pg.backend;

/**
 * The target answered with an ErrorResponse (or the gateway refused to go on), e.g. 3D000 database
 * does not exist, 53300 too many connections. Carries the target's SQLSTATE and message.
 */
public class BackendRejectedException extends BackendException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;
  private final String serverMessage;

  public BackendRejectedException(String sqlState, String serverMessage, String context) {
    super(context + ": " + serverMessage + " (SQLSTATE " + sqlState + ")");
    this.sqlState = sqlState;
    this.serverMessage = serverMessage;
  }

  public String sqlState() {
    return sqlState;
  }

  /** The target's own message, without the gateway's context. */
  public String serverMessage() {
    return serverMessage;
  }
}
