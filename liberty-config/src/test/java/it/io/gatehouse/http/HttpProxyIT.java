package it.io.gatehouse.http;

import static it.io.gatehouse.support.Gateway.devToken;
import static it.io.gatehouse.support.Gateway.json;
import static it.io.gatehouse.support.Gateway.request;
import static it.io.gatehouse.support.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import it.io.gatehouse.support.Gateway;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP proxy in the running server: a plain HTTP service in this JVM registered as an {@code
 * http} connection with a policy; callers come through {@code /proxy/{connection}/…} with their own
 * token, the gateway injects the connection's.
 */
class HttpProxyIT {

  static final String CONNECTION = "it-billing";
  static final String TARGET_TOKEN = "billing-service-token";
  static final String POLICY =
      """
      {"name":"it-billing-policy","recording":"strict",
       "rules":[
         {"id":"no-admin-delete","action":"block",
          "when":{"http":{"methods":["DELETE"],"paths":["/admin/**"]}},
          "message":"Deleting under /admin is not allowed through the gateway"}],
       "masking":{"rules":[{"id":"cards","detector":"payment-card","strategy":"partial"}]}}
      """;

  static HttpServer target;
  static final List<String> received = new CopyOnWriteArrayList<>();
  static String admin;
  static String caller;

  @BeforeAll
  static void setUp() throws IOException {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/",
        exchange -> {
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getRawPath()
                  + " auth="
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              "{\"user\":\"ann\",\"card\":\"4111 1111 1111 1111\",\"visits\":3}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    target.start();
    admin = devToken("it-admin", "gatehouse-admin");
    caller = devToken("carol", "billing");
    ProxySetup.policy(admin, "it-billing-policy", POLICY);
    ProxySetup.connection(
        admin,
        CONNECTION,
        """
        {"name":"%s","type":"http",
         "target":{"url":"http://127.0.0.1:%d"},"tls":{"mode":"disable"},
         "credential":{"token":"%s"},
         "accessGroups":["billing"],"policy":"it-billing-policy"}
        """
            .formatted(CONNECTION, target.getAddress().getPort(), TARGET_TOKEN));
  }

  @AfterAll
  static void tearDown() {
    if (target != null) {
      target.stop(0);
    }
  }

  static HttpResponse<String> proxied(String method, String path, String token) {
    var builder = request("/proxy/" + CONNECTION + path);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return send(builder.method(method, java.net.http.HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void forwardsWithTheConnectionsCredentialAndMasksTheCard() {
    HttpResponse<String> r = proxied("GET", "/customers/1", caller);
    assertEquals(200, r.statusCode(), "proxied GET: " + r.body());
    JsonObject body = json(r.body());
    assertEquals("ann", body.getString("user"), "unmasked value as sent: " + r.body());
    String card = body.getString("card");
    assertFalse(card.contains("4111 1111 1111"), "card masked: " + card);
    assertTrue(card.endsWith("1111"), "partial keeps the last four: " + card);
    assertEquals(3, body.getInt("visits"), "numbers keep their type: " + r.body());
    assertTrue(
        received.contains("GET /customers/1 auth=Bearer " + TARGET_TOKEN),
        "the target saw the connection's token, not the caller's: " + received);
  }

  @Test
  void deleteUnderAdminIsRefusedNamingTheRule() {
    HttpResponse<String> r = proxied("DELETE", "/admin/x", caller);
    assertEquals(403, r.statusCode(), "blocked: " + r.body());
    assertTrue(r.body().contains("no-admin-delete"), "the rule is named: " + r.body());
    assertTrue(r.body().contains("not allowed through the gateway"), "its message: " + r.body());
    assertTrue(
        received.stream().noneMatch(line -> line.startsWith("DELETE")),
        "the blocked request never reached the target: " + received);
  }

  @Test
  void noTokenIs401() {
    HttpResponse<String> r = proxied("GET", "/customers/1", null);
    assertEquals(401, r.statusCode(), "no token: " + r.body());
  }

  @Test
  void aForgedTokenIs401() {
    HttpResponse<String> r = proxied("GET", "/customers/1", "not.a.jwt");
    assertEquals(401, r.statusCode(), "bad token: " + r.body());
  }

  @Test
  void aTokenWithoutTheAccessGroupIs403() {
    HttpResponse<String> r = proxied("GET", "/customers/1", devToken("mallory", "marketing"));
    assertEquals(403, r.statusCode(), "no access group: " + r.body());
    assertTrue(r.body().contains("mallory"), "says who was refused: " + r.body());
  }

  @Test
  void anUnknownConnectionIs404() {
    HttpResponse<String> r =
        send(
            request("/proxy/it-no-such-connection/x")
                .header("Authorization", "Bearer " + caller)
                .GET());
    assertEquals(404, r.statusCode(), "unknown connection: " + r.body());
  }

  @Test
  void dotSegmentsAre400() throws IOException {
    for (String path : List.of("/a/../admin/x", "/a/%2e%2e/admin/x", "/a/..;/admin/x")) {
      String status = rawRequest("GET /proxy/" + CONNECTION + path);
      assertTrue(status.startsWith("HTTP/1.1 400"), path + " refused: " + status);
    }
  }

  @Test
  void requestsAreRecordedWithDecisionAndOutcome() throws InterruptedException {
    proxied("GET", "/recorded/1", caller);
    proxied("DELETE", "/admin/recorded", caller);
    List<JsonObject> events = ProxySetup.events(admin, CONNECTION);
    JsonObject allowed =
        events.stream()
            .filter(
                e ->
                    e.getString("type").equals("request")
                        && "allow".equals(e.getString("decision", null))
                        && e.getString("payload").contains("\"path\":\"/recorded/1\""))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the allowed GET is recorded: " + events));
    String session = allowed.getJsonObject("session").getString("id");
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.getString("type").equals("request")
                        && "block".equals(e.getString("decision", null))
                        && "no-admin-delete".equals(e.getString("ruleId", null))
                        && e.getString("payload").contains("/admin/recorded")
                        && e.getJsonObject("session").getString("id").equals(session)),
        "the blocked DELETE is recorded with its rule, in the same session: " + events);
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.getString("type").equals("response")
                        && e.getString("payload").contains("\"status\":200")),
        "the outcome is recorded: " + events);
    // The IT server's idle window is 2 s (gatehouse.proxy.session.idle.seconds).
    long end = System.nanoTime() + 15_000_000_000L;
    boolean closed = false;
    while (!closed && System.nanoTime() < end) {
      Thread.sleep(500);
      closed =
          ProxySetup.events(admin, CONNECTION).stream()
              .map(e -> e.getJsonObject("session"))
              .anyMatch(
                  s ->
                      s.getString("id").equals(session)
                          && s.getString("identity").equals("carol")
                          && s.getString("status").equalsIgnoreCase("closed"));
    }
    assertTrue(closed, "the session is closed once idle: " + session);
  }

  @Test
  void aClientCertificateCredentialReachesATargetThatRequiresOne() throws Exception {
    Path dir = Files.createTempDirectory("mtls");
    try (MtlsTarget mtls = new MtlsTarget(dir)) {
      String connection =
          Json.createObjectBuilder()
              .add("name", "it-mtls")
              .add("type", "http")
              .add("target", Json.createObjectBuilder().add("url", mtls.url()))
              .add(
                  "tls",
                  Json.createObjectBuilder()
                      .add("mode", "verify-full")
                      .add("caPem", mtls.serverCertificatePem))
              .add(
                  "credential",
                  Json.createObjectBuilder()
                      .add("clientCertificate", mtls.clientCertificatePem)
                      .add("clientKey", mtls.clientKeyPem))
              .add("accessGroups", Json.createArrayBuilder().add("billing"))
              .build()
              .toString();
      ProxySetup.connection(admin, "it-mtls", connection);
      HttpResponse<String> r =
          send(request("/proxy/it-mtls/whoami").header("Authorization", "Bearer " + caller));
      assertEquals(200, r.statusCode(), "through mTLS: " + r.body());
      assertTrue(r.body().contains("CN=gatehouse-client"), "the target saw it: " + r.body());
    }
  }

  /** Sends a request line as is (HTTP clients normalise dot segments) and returns the status. */
  static String rawRequest(String requestLine) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Gateway.HTTP_PORT)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + caller
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        line.append((char) b);
      }
      return line.toString().trim();
    }
  }
}
