package io.gatehouse.control.infrastructure.notify;

/** A webhook post that did not get a 2xx answer. */
public class WebhookException extends Exception {

  private static final long serialVersionUID = 1L;

  public WebhookException(String message) {
    super(message);
  }

  public WebhookException(String message, Throwable cause) {
    super(message, cause);
  }
}
