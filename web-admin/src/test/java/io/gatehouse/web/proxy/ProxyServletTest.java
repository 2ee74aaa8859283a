package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.http.HttpCriteria;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ProxyServlet} itself, in Jetty (a plain servlet container), at context root "/". */
class ProxyServletTest {

  private static Upstream upstream;
  private static Server jetty;
  private static String base;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    upstream = new Upstream();
    InMemoryProxyAccess access =
        new InMemoryProxyAccess()
            .token("good-token", "alice", "svc")
            .connection(
                new ProxyTarget(
                    "svc",
                    Protocol.HTTP,
                    upstream.uri(),
                    new TargetCredential.Basic("gw", "s3cret"),
                    null,
                    null,
                    null));
    RuleListPolicy policy =
        new RuleListPolicy()
            .block(
                "no-admin-delete", HttpCriteria.of(List.of("DELETE"), List.of("/admin/**")), "no")
            .mask("$..password");
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(
        new ServletHolder(
            new ProxyServlet(new ProxyCore(access, policy, ProxySettings.defaults()))),
        "/proxy/*");
    context.addServlet(new ServletHolder(new ProxyServlet()), "/unconfigured/*");
    jetty.setHandler(context);
    jetty.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.stop();
    upstream.close();
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer good-token")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void forwardsPatchWithBasicCredentialAndMasks() throws Exception {
    HttpResponse<String> r = send("PATCH", "/proxy/svc/users?x=%2F", "{\"a\":1}");
    assertEquals(200, r.statusCode(), r.body());
    assertFalse(r.body().contains("p1"), "masked: " + r.body());
    Upstream.HttpExchangeRecord seen = upstream.seen.get("/base/users");
    assertEquals("PATCH", seen.method(), "PATCH reaches the target");
    assertEquals("{\"a\":1}", seen.body(), "body streamed");
    assertEquals(
        List.of("Basic Z3c6czNjcmV0"), seen.headers().get("Authorization"), "Basic credential");
  }

  @Test
  void blocksWithProblemJson() throws Exception {
    HttpResponse<String> r = send("DELETE", "/proxy/svc/admin/x", null);
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(r.body().contains("no-admin-delete"), r.body());
  }

  @Test
  void headRequestsHaveNoBody() throws Exception {
    HttpResponse<String> r = send("HEAD", "/proxy/svc/echo", null);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("", r.body(), "no body");
  }

  @Test
  void streamsEventByEvent() throws Exception {
    HttpResponse<InputStream> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/proxy/svc/events"))
                .header("Authorization", "Bearer good-token")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try (BufferedReader lines =
              new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals("{\"n\":1,\"password\":\"****\"}", lines.readLine(), "first event alone");
            upstream.releaseSecondEvent.countDown();
            assertEquals("{\"n\":2,\"password\":\"****\"}", lines.readLine(), "second event");
          }
        });
  }

  @Test
  void answers503UntilTheControlPlaneProvidesTheSpis() throws Exception {
    HttpResponse<String> r = send("GET", "/unconfigured/svc/x", null);
    assertEquals(503, r.statusCode(), r.body());
  }
}
