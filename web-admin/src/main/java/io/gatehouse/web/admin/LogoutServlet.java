package io.gatehouse.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The header's Log out: ends the login and the HTTP session. POST only, and the app's cookies are
 * SameSite (Strict, Lax with the OIDC login), so a cross-site form carries no login to end. With
 * the OIDC login and the provider's end_session endpoint configured, the browser goes on to the
 * provider to end the login there too (OpenID Connect RP-initiated logout) and comes back to the
 * login page; otherwise the next visit would be let in again by the provider's own session.
 */
@WebServlet("/admin/logout")
public class LogoutServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient AdminEnvironment environment;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    String loggedOut = request.getContextPath() + "/admin/login.xhtml?loggedOut=true";
    String endSession = environment.getOidcLogout();
    if (endSession.isEmpty()) {
      response.sendRedirect(loggedOut);
      return;
    }
    String back =
        request.getScheme()
            + "://"
            + request.getServerName()
            + ":"
            + request.getServerPort()
            + loggedOut;
    String provider =
        endSession
            + (endSession.contains("?") ? "&" : "?")
            + "client_id="
            + URLEncoder.encode(environment.getOidcClientId(), StandardCharsets.UTF_8)
            + "&post_logout_redirect_uri="
            + URLEncoder.encode(back, StandardCharsets.UTF_8);
    // Not a redirect: the pages' Content-Security-Policy (form-action 'self') also holds for
    // the redirects that follow a form's POST, and the browser would refuse one to the provider.
    // A page of its own moves on to the provider instead (meta refresh, or the link).
    String href = escape(provider);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader(
        "Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'");
    response
        .getWriter()
        .write(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="UTF-8">
            <meta http-equiv="refresh" content="0;url=%s">
            <title>Logging out · Gatehouse</title></head>
            <body><p id="logging-out">You are logged out of Gatehouse. Logging out at your identity
            provider… <a id="continue-logout" href="%s">continue</a></p></body></html>
            """
                .formatted(href, href));
  }

  private static String escape(String url) {
    return url.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Log out with a POST");
  }
}
