package io.gatehouse.web.proxy;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The HTTP and Kubernetes proxy at {@code /proxy/*}: a thin adapter over {@link ProxyCore}, which
 * takes every method (PATCH included, which {@link HttpServlet} would refuse). Until the control
 * plane deploys a {@link ProxyAccess}, a {@link ProxyPolicy} and a {@link ProxyRecorder} bean, it
 * answers 503.
 *
 * <p>Synchronous: a watch or {@code logs -f} holds a request thread for its lifetime. Moving to
 * Servlet async with non-blocking I/O is a later step.
 */
@WebServlet(name = "gatehouse-proxy", urlPatterns = "/proxy/*")
public class ProxyServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Instance<ProxyAccess> access;
  @Inject transient Instance<ProxyPolicy> policy;
  @Inject transient Instance<ProxyRecorder> recorder;
  @Inject transient Instance<ProxyReviews> reviews;

  private transient volatile ProxyCore core;

  /** For the container: the SPIs come from CDI. */
  public ProxyServlet() {}

  /** For embedding without CDI (tests in a plain servlet container). */
  ProxyServlet(ProxyCore core) {
    this.core = core;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletExchange exchange = new ServletExchange(request, response);
    ProxyCore c = core();
    if (c == null) {
      Refusals.write(exchange, 503, "the proxy is not configured on this server", null, false);
      return;
    }
    c.handle(exchange);
  }

  private ProxyCore core() {
    if (core == null
        && access != null
        && policy != null
        && recorder != null
        && access.isResolvable()
        && policy.isResolvable()
        && recorder.isResolvable()) {
      core =
          new ProxyCore(
              access.get(),
              policy.get(),
              recorder.get(),
              reviews != null && reviews.isResolvable() ? reviews.get() : ProxyReviews.NONE,
              ProxySettings.defaults());
    }
    return core;
  }
}
