package io.gatehouse.web.admin;

import io.gatehouse.web.api.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The facades' second check before a change: web.xml already keeps non-administrators off the
 * editors, this keeps a change from happening should a page ever be mapped more widely.
 */
@RequestScoped
public class RoleCheck {

  @Inject HttpServletRequest request;

  public void requireAdmin() {
    if (!request.isUserInRole(Roles.ADMIN)) {
      throw new SecurityException(
          "Only " + Roles.ADMIN + " may change connections and policies; you are " + caller());
    }
  }

  private String caller() {
    return request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
  }
}
