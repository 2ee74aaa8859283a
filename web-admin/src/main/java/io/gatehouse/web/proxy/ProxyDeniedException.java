package io.gatehouse.web.proxy;

/** The caller may not use the connection; the message is shown to the caller. */
public class ProxyDeniedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status 401 (no or bad token), 403 (not allowed now), 404 (no such connection)
   * @param message safe to show the caller
   */
  public ProxyDeniedException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
