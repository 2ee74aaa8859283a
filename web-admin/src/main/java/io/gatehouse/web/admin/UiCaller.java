package io.gatehouse.web.admin;

import io.gatehouse.control.application.Caller;
import io.gatehouse.web.api.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The logged-in user as the control plane's {@link Caller}: the login name and the Gatehouse roles
 * the container gives them (the registry's or identity provider's groups mapped to roles), so the
 * services decide on the same facts for a page as for an API call with a token.
 */
@RequestScoped
public class UiCaller {

  @Inject HttpServletRequest request;

  public Caller get() {
    if (request.getUserPrincipal() == null) {
      throw new SecurityException("not logged in");
    }
    Set<String> groups = new LinkedHashSet<>();
    for (String role : List.of(Roles.ADMIN, Roles.REVIEWER, Roles.AUDITOR)) {
      if (request.isUserInRole(role)) {
        groups.add(role);
      }
    }
    return new Caller(request.getUserPrincipal().getName(), groups);
  }
}
