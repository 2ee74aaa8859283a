package io.gatehouse.control.application;

import jakarta.ejb.ApplicationException;

/**
 * The caller is authenticated but may not do this (approve their own request, approve without being
 * in an approver group). Rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class ActionForbiddenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ActionForbiddenException(String message) {
    super(message);
  }
}
