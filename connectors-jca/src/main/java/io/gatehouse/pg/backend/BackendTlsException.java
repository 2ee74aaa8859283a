package io.gatehouse.pg.backend;

/** TLS could not be set up as the {@link TlsMode} demands (refused, untrusted, wrong host name). */
public class BackendTlsException extends BackendException {
  private static final long serialVersionUID = 1L;

  public BackendTlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
