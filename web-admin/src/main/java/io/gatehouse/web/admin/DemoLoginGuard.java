package io.gatehouse.web.admin;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Fails closed when the demo users of dev mode would be live on a server with a real identity
 * provider: whoever logged in with a public password gets no page.
 */
@WebFilter("/admin/*")
public class DemoLoginGuard extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject transient AdminEnvironment environment;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (environment.isDemoLoginMisused()) {
      res.sendError(
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "The admin app's demo login is for dev mode only; set GATEHOUSE_UI_LOGIN=oidc (or none)");
      return;
    }
    chain.doFilter(req, res);
  }
}
