package io.gatehouse.web.admin;

import io.gatehouse.web.api.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/** The logged-in reviewer: name, roles, what they may do (logging out: {@link LogoutServlet}). */
@Named
@RequestScoped
public class CurrentUser {

  public String getName() {
    var principal = external().getUserPrincipal();
    return principal == null ? null : principal.getName();
  }

  public boolean isAdmin() {
    return external().isUserInRole(Roles.ADMIN);
  }

  /** Reviews and grant requests are decided by reviewers and administrators. */
  public boolean isDecider() {
    return isAdmin() || external().isUserInRole(Roles.REVIEWER);
  }

  /** Connections and policies are readable by administrators and auditors, as in the API. */
  public boolean isConfigReader() {
    return isAdmin() || external().isUserInRole(Roles.AUDITOR);
  }

  /** The Gatehouse roles the user holds, for the header. */
  public List<String> getRoles() {
    List<String> roles = new ArrayList<>();
    for (String role : List.of(Roles.ADMIN, Roles.REVIEWER, Roles.AUDITOR)) {
      if (external().isUserInRole(role)) {
        roles.add(role.substring("gatehouse-".length()));
      }
    }
    return roles;
  }

  private static ExternalContext external() {
    return FacesContext.getCurrentInstance().getExternalContext();
  }
}
