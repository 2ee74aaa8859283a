package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.http.HttpCriteria;
import io.gatehouse.http.json.ValueMasker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core records each request before it is forwarded and its outcome after the response. */
class ProxyRecordingTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final List<String> log = new CopyOnWriteArrayList<>();
  private volatile boolean storeDown;
  private Upstream upstream;
  private JdkProxyServer proxy;

  private final ProxyRecorder recorder =
      new ProxyRecorder() {
        @Override
        public void requested(ProxyTarget target, ProxyRequest request, ProxyDecision decision)
            throws ProxyDeniedException {
          if (storeDown) {
            throw new ProxyDeniedException(503, "the request could not be recorded");
          }
          log.add(
              "requested "
                  + request.describe()
                  + " "
                  + decision.action()
                  + " seen-by-target="
                  + upstream.seen.containsKey("/base/users"));
        }

        @Override
        public void completed(
            ProxyTarget target, ProxyRequest request, ProxyDecision decision, ProxyOutcome o) {
          log.add(
              "completed " + target.sessionId() + " " + o.status() + " bytes>0=" + (o.bytes() > 0));
        }
      };

  @BeforeEach
  void start() throws Exception {
    upstream = new Upstream();
    InMemoryProxyAccess access =
        new InMemoryProxyAccess()
            .token("good-token", "alice", "svc")
            .connection(
                new ProxyTarget(
                    "svc",
                    Protocol.HTTP,
                    upstream.uri(),
                    new TargetCredential.None(),
                    null,
                    null,
                    null));
    RuleListPolicy policy =
        new RuleListPolicy()
            .block(
                "no-admin-delete", HttpCriteria.of(List.of("DELETE"), List.of("/admin/**")), "no");
    proxy = new JdkProxyServer(new ProxyCore(access, policy, recorder, ProxySettings.defaults()));
  }

  @AfterEach
  void stop() {
    proxy.close();
    upstream.close();
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(proxy.url("svc") + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  // The caller has its answer a moment before the core returns and reports completion.
  private void awaitCalls(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (log.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(n, log.size(), "recorder calls: " + log);
  }

  @Test
  void recordsBeforeForwardingAndCompletesAfter() throws Exception {
    assertEquals(200, send("GET", "/users", "good-token").statusCode(), "forwarded");
    awaitCalls(2);
    assertEquals(
        "requested GET /users ALLOW seen-by-target=false", log.get(0), "recorded first: " + log);
    assertTrue(log.get(1).matches("completed s\\d+ 200 bytes>0=true"), "then completed: " + log);
  }

  @Test
  void blockedRequestsAreRecordedAndCompletedWithTheirStatus() throws Exception {
    assertEquals(403, send("DELETE", "/admin/x", "good-token").statusCode(), "blocked");
    awaitCalls(2);
    assertTrue(log.get(0).startsWith("requested DELETE /admin/x BLOCK"), "recorded: " + log);
    assertTrue(log.get(1).contains(" 403 "), "completed with 403: " + log);
  }

  @Test
  void nothingIsForwardedWhenTheEventCannotBeStored() throws Exception {
    storeDown = true;
    assertEquals(503, send("GET", "/users", "good-token").statusCode(), "refused");
    assertFalse(upstream.seen.containsKey("/base/users"), "the target never saw it");
    awaitCalls(1);
    assertTrue(log.get(0).contains(" 503 "), "still completed: " + log);
  }

  @Test
  void textIsMaskedLineByLineByThePolicysDetectors() throws Exception {
    ProxyPolicy detectors =
        (target, request) ->
            ProxyDecision.allow(List.of(), ValueMasker.REDACT, v -> v.replace("p3", "**"));
    InMemoryProxyAccess access =
        new InMemoryProxyAccess()
            .token("good-token", "alice", "svc")
            .connection(
                new ProxyTarget(
                    "svc",
                    Protocol.HTTP,
                    upstream.uri(),
                    new TargetCredential.None(),
                    null,
                    null,
                    null));
    try (JdkProxyServer text =
        new JdkProxyServer(new ProxyCore(access, detectors, ProxySettings.defaults()))) {
      HttpResponse<String> r =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(text.url("svc") + "/text"))
                  .header("Authorization", "Bearer good-token")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), "text relayed: " + r.body());
      assertEquals("password=**", r.body(), "masked by the detectors");
    }
  }

  @Test
  void refusalsBeforeAdmissionRecordNothing() throws Exception {
    assertEquals(401, send("GET", "/users", null).statusCode(), "no token");
    Thread.sleep(100);
    assertTrue(log.isEmpty(), "no session, nothing to record: " + log);
  }
}
