package io.gatehouse.control.application;

import jakarta.ejb.ApplicationException;

/** The named connection, policy or session does not exist. */
@ApplicationException(rollback = true)
public class ResourceNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ResourceNotFoundException(String message) {
    super(message);
  }
}
