package io.gatehouse.control.application;

import jakarta.ejb.ApplicationException;

/** The request conflicts with what is stored: a duplicate name, or a policy still in use. */
@ApplicationException(rollback = true)
public class ResourceConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ResourceConflictException(String message) {
    super(message);
  }
}
