package io.gatehouse.pg.backend;

import java.io.IOException;

/** Connecting to or talking with a target failed. Messages never contain credentials. */
public class BackendException extends IOException {
  private static final long serialVersionUID = 1L;

  public BackendException(String message) {
    super(message);
  }

  public BackendException(String message, Throwable cause) {
    super(message, cause);
  }
}
