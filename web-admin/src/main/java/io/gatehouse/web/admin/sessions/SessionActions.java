package io.gatehouse.web.admin.sessions;

import io.gatehouse.control.application.SessionTermination;
import io.gatehouse.control.application.SessionVerification;
import io.gatehouse.control.application.VerificationView;
import io.gatehouse.web.admin.UiCaller;
import io.gatehouse.web.api.Roles;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Terminating a live session and verifying a recording, for the session pages. */
@RequestScoped
public class SessionActions {

  @EJB SessionTermination termination;
  @EJB SessionVerification verification;
  @Inject UiCaller caller;
  @Inject HttpServletRequest request;

  /** As {@code POST /api/v1/sessions/{id}/terminate}: administrators and reviewers. */
  public void terminate(String sessionId, String reason) {
    if (!request.isUserInRole(Roles.ADMIN) && !request.isUserInRole(Roles.REVIEWER)) {
      throw new SecurityException("Only administrators and reviewers may terminate sessions");
    }
    termination.terminate(caller.get(), sessionId, reason);
  }

  public VerificationView verify(String sessionId) {
    return verification.verify(sessionId);
  }
}
