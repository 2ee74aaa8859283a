package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.http.HeaderHygiene;
import io.gatehouse.http.HttpCriteria;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy core between a real HTTP client and a plain HTTP target, all in process. */
class HttpProxyTest {

  private static Upstream upstream;
  private static JdkProxyServer proxy;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    upstream = new Upstream();
    InMemoryProxyAccess access =
        new InMemoryProxyAccess()
            .token("good-token", "alice", "svc")
            .token("other-token", "bob", "elsewhere")
            .connection(
                new ProxyTarget(
                    "svc",
                    Protocol.HTTP,
                    upstream.uri(),
                    new TargetCredential.Bearer("target-token"),
                    null,
                    null,
                    null));
    RuleListPolicy policy =
        new RuleListPolicy()
            .block(
                "no-admin-delete",
                HttpCriteria.of(List.of("DELETE"), List.of("/admin/**")),
                "deleting admin objects needs a change ticket")
            .review(
                "review-payments",
                HttpCriteria.of(List.of("POST"), List.of("/payments/**")),
                "payments need a second pair of eyes")
            .mask("$..password");
    ProxySettings settings =
        new ProxySettings(
            "/proxy",
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            1 << 20,
            new HeaderHygiene(50, 8 * 1024),
            true);
    proxy = new JdkProxyServer(new ProxyCore(access, policy, settings));
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(proxy.url("svc") + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.header("Cookie", "gateway-session=caller");
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void forwardsWithTheTargetCredentialAndNoneOfTheCallers() throws Exception {
    HttpResponse<String> r = send("POST", "/echo?x=1&y=%2F", "good-token", "hello");
    assertEquals(200, r.statusCode(), r.body());
    Upstream.HttpExchangeRecord seen = upstream.seen.get("/base/echo");
    assertEquals("POST", seen.method(), "method");
    assertEquals("hello", seen.body(), "body streamed through");
    assertEquals(
        List.of("Bearer target-token"), seen.headers().get("Authorization"), "injected credential");
    assertNull(seen.headers().get("Cookie"), "caller's cookie stays at the gateway");
    assertEquals(List.of("127.0.0.1"), seen.headers().get("X-forwarded-for"), "X-Forwarded-For");
    assertEquals(
        List.of("/proxy/svc"), seen.headers().get("X-forwarded-prefix"), "X-Forwarded-Prefix");
  }

  @Test
  void masksSelectedJsonFields() throws Exception {
    HttpResponse<String> r = send("GET", "/users", "good-token", null);
    assertEquals(200, r.statusCode(), r.body());
    assertFalse(
        r.body().contains("p1") || r.body().contains("p2"), "passwords masked: " + r.body());
    assertTrue(
        r.body().contains("\"Oslo\"") && r.body().contains("\"ann\""), "rest kept: " + r.body());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "DELETE, /admin/users/1, 403",
    "delete, /admin/users/1, 403",
    "DELETE, /admin%2Fusers, 403",
    "DELETE, //admin//users/, 403",
    "DELETE, /admin, 403",
    "GET, /admin/users/1, 200",
    "DELETE, /administrator, 200",
  })
  void blocksByMethodAndPath(String method, String path, int status) throws Exception {
    HttpResponse<String> r = send(method, path, "good-token", null);
    assertEquals(status, r.statusCode(), r.body());
    if (status == 403) {
      assertEquals(
          "application/problem+json", r.headers().firstValue("Content-Type").orElse(""), "problem");
      assertTrue(r.body().contains("\"rule\":\"no-admin-delete\""), r.body());
      assertTrue(r.body().contains("deleting admin objects needs a change ticket"), r.body());
    }
  }

  @Test
  void aBlockedRequestNeverReachesTheTarget() throws Exception {
    send("DELETE", "/admin/never-seen", "good-token", null);
    assertFalse(upstream.seen.containsKey("/base/admin/never-seen"), "not forwarded");
  }

  @Test
  void reviewIsRefusedForNowNamingRuleAndReview() throws Exception {
    HttpResponse<String> r = send("POST", "/payments/1", "good-token", "{}");
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(r.body().contains("held for review by rule review-payments"), r.body());
    assertTrue(r.body().contains("(review r-42)"), r.body());
  }

  @ParameterizedTest(name = "token {0} on {1} -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL, svc, 401",
        "bad-token, svc, 401",
        "good-token, nope, 404",
        "other-token, svc, 403"
      })
  void callersAreCheckedBeforeAnythingIsForwarded(String token, String connection, int status)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(proxy.url(connection) + "/echo"))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), r.body());
    assertFalse(r.body().contains(String.valueOf(token)) && token != null, "token not echoed");
  }

  @Test
  void targetCookiesAndChallengesStayAtTheGateway() throws Exception {
    HttpResponse<String> r = send("GET", "/cookie", "good-token", null);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), "no Set-Cookie: " + r.headers());
    assertTrue(r.headers().allValues("WWW-Authenticate").isEmpty(), "no challenge");
  }

  @Test
  void aTargetRefusingTheGatewaysCredentialIsABadGateway() throws Exception {
    HttpResponse<String> r = send("GET", "/unauthorized", "good-token", null);
    assertEquals(502, r.statusCode(), r.body());
  }

  @Test
  void aResponseThatCannotBeMaskedIsRefused() throws Exception {
    HttpResponse<String> r = send("GET", "/text", "good-token", null);
    assertEquals(502, r.statusCode(), r.body());
    assertFalse(r.body().contains("p3"), "nothing of the body leaks");
  }

  @Test
  void streamedEventsArriveOneByOneMasked() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(proxy.url("svc") + "/events"))
            .header("Authorization", "Bearer good-token")
            .build();
    HttpResponse<InputStream> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try (BufferedReader lines =
              new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String first = lines.readLine();
            assertEquals(
                "{\"n\":1,\"password\":\"****\"}", first, "first event before the second exists");
            upstream.releaseSecondEvent.countDown();
            assertEquals("{\"n\":2,\"password\":\"****\"}", lines.readLine(), "second event");
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "POST /proxy/svc/echo HTTP/1.1\nHost: x\nAuthorization: Bearer good-token\nContent-Length: 5\nTransfer-Encoding: chunked\n",
        "POST /proxy/svc/echo HTTP/1.1\nHost: x\nAuthorization: Bearer good-token\nContent-Length: 5\nContent-Length: 6\n",
        "GET /proxy/svc/../other/echo HTTP/1.1\nHost: x\nAuthorization: Bearer good-token\n",
        "GET /proxy/svc/a/%2e%2e/%2e%2e/%2e%2e/etc HTTP/1.1\nHost: x\nAuthorization: Bearer good-token\n",
        "GET /proxy/svc/admin/..;/x HTTP/1.1\nHost: x\nAuthorization: Bearer good-token\n",
      })
  void refusesSmugglingAndTraversalWith400(String head) throws IOException {
    String response = RawHttp.exchange(proxy.port(), head, null, 5000);
    assertEquals(400, RawHttp.status(response), response);
    assertTrue(
        upstream.seen.keySet().stream().noneMatch(p -> p.contains("other") || p.contains("etc")),
        "not forwarded");
  }

  @Test
  void refusesOversizedHeadersWith431() throws IOException {
    String head =
        "GET /proxy/svc/echo HTTP/1.1\nHost: x\nAuthorization: Bearer good-token\nX-Big: "
            + "a".repeat(9000)
            + "\n";
    assertEquals(431, RawHttp.status(RawHttp.exchange(proxy.port(), head, null, 5000)), "431");
  }

  @Test
  void aSlowRequestBodyIsCutOffByTheRequestTimeout() {
    String head =
        "POST /proxy/svc/echo HTTP/1.1\nHost: x\nAuthorization: Bearer good-token\nContent-Length: 100\n";
    String response =
        assertTimeoutPreemptively(
            Duration.ofSeconds(15),
            () -> RawHttp.exchange(proxy.port(), head, "0123456789", 10_000));
    assertEquals(504, RawHttp.status(response), response);
  }

  @Test
  void protocolUpgradesAreNotRelayedYet() throws IOException {
    String head =
        "GET /proxy/svc/ws HTTP/1.1\nHost: x\nAuthorization: Bearer good-token\nConnection: Upgrade\n"
            + "Upgrade: websocket\nSec-WebSocket-Version: 13\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\n";
    String response = RawHttp.exchange(proxy.port(), head, null, 5000);
    assertEquals(501, RawHttp.status(response), response);
  }
}
