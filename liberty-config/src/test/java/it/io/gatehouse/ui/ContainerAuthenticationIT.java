package it.io.gatehouse.ui;

import static it.io.gatehouse.support.Gateway.request;
import static it.io.gatehouse.support.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Each entry point keeps its own authentication: MP JWT for /api only, the form login for /admin
 * only (over HTTPS), and nothing from the container for /proxy, whose servlet checks the caller's
 * token itself.
 */
class ContainerAuthenticationIT {

  @Test
  void theProxyIsNotChallengedByTheContainer() {
    HttpResponse<String> response = send(request("/proxy/it-no-such/api/v1/pods").GET());
    assertFalse(
        response.headers().firstValue("Location").isPresent(),
        "no redirect to a login page: " + response.headers().map());
    assertFalse(
        response.headers().allValues("WWW-Authenticate").stream()
            .anyMatch(v -> v.startsWith("Basic")),
        "no Basic challenge");
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").contains("json"),
        "the proxy's own answer: " + response.statusCode() + " " + response.body());
  }

  @Test
  void theApiStillWantsABearerToken() {
    HttpResponse<String> response = send(request("/api/v1/connections").GET());
    assertEquals(401, response.statusCode(), "no token, no API: " + response.body());
    assertFalse(
        response.headers().firstValue("Location").isPresent(), "the API never redirects to a form");
  }

  @Test
  void theAdminAppMovesToHttps() {
    HttpResponse<String> response = send(request("/admin/sessions.xhtml").GET());
    assertEquals(302, response.statusCode(), "plain HTTP is redirected: " + response.body());
    assertTrue(
        response.headers().firstValue("Location").orElse("").startsWith("https://"),
        "to HTTPS: " + response.headers().firstValue("Location"));
  }
}
