package io.gatehouse.pg.backend;

/**
 * Authentication to the target failed: the target refused the credential (SQLSTATE class 28), or
 * the gateway refused the target (it could not prove it knows the password, asked for a method the
 * gateway will not use).
 */
public class BackendAuthenticationException extends BackendRejectedException {
  private static final long serialVersionUID = 1L;

  public BackendAuthenticationException(String sqlState, String serverMessage, String context) {
    super(sqlState, serverMessage, context);
  }
}
