package io.gatehouse.http;

/**
 * A request the gateway refuses before it reaches any target, with the HTTP status to answer and a
 * message safe to show the client (it never contains a credential).
 */
public class HttpRejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public HttpRejection(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static HttpRejection badRequest(String message) {
    return new HttpRejection(400, message);
  }
}
