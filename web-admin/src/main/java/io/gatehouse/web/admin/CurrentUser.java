package io.gatehouse.web.admin;

import io.gatehouse.web.api.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The logged-in reviewer: name, roles, what they may do, and logging out. */
@Named
@RequestScoped
public class CurrentUser {

  @Inject AdminEnvironment environment;

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

  /**
   * Ends the login and the HTTP session; a POST, so a cross-site link cannot log anyone out. With
   * the OIDC login and the provider's end_session endpoint configured, the browser goes on to the
   * provider to end the login there too (OpenID Connect RP-initiated logout), and comes back to the
   * login page; otherwise the next visit would be let in again by the provider's own session.
   */
  public void logout() throws IOException, ServletException {
    ExternalContext external = external();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    request.logout();
    external.invalidateSession();
    String loggedOut = external.getRequestContextPath() + "/admin/login.xhtml?loggedOut=true";
    String endSession = environment.getOidcLogout();
    if (endSession.isEmpty()) {
      external.redirect(loggedOut);
      return;
    }
    String back =
        request.getScheme()
            + "://"
            + request.getServerName()
            + ":"
            + request.getServerPort()
            + loggedOut;
    external.redirect(
        endSession
            + (endSession.contains("?") ? "&" : "?")
            + "client_id="
            + URLEncoder.encode(environment.getOidcClientId(), StandardCharsets.UTF_8)
            + "&post_logout_redirect_uri="
            + URLEncoder.encode(back, StandardCharsets.UTF_8));
  }

  private static ExternalContext external() {
    return FacesContext.getCurrentInstance().getExternalContext();
  }
}
