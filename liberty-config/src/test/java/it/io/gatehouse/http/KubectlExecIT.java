package it.io.gatehouse.http;

import static it.io.gatehouse.support.Gateway.devToken;
import static it.io.gatehouse.support.Gateway.get;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import it.io.gatehouse.support.Gateway;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kubectl exec} through the running server (WebSocket, {@code v5.channel.k8s.io})
 * to {@link ExecStandIn}: relayed through the servlet's protocol switch, stdout masked by the
 * policy's detectors, stdin relayed, the stream recorded and replayable as asciicast; exec into a
 * production namespace refused by rule.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlExecIT {

  static final int HTTPS_PORT = Integer.getInteger("it.https.port", 9443);
  static final String CONNECTION = "it-exec-cluster";
  static final String POLICY =
      """
      {"name":"it-exec-policy",
       "rules":[
         {"id":"no-exec-in-prod","action":"block",
          "when":{"kubernetes":{"subresources":["exec","attach"],"namespaces":["prod-*"]}},
          "message":"No shells in production"}],
       "masking":{"rules":[{"id":"cards","detector":"payment-card","strategy":"redact"}]}}
      """;

  @TempDir static Path home;
  static ExecStandIn apiServer;
  static Kubectl kubectl;
  static String admin;
  static String developer;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(Files.isExecutable(Kubectl.BINARY), "kubectl is not installed");
    apiServer = new ExecStandIn();
    admin = devToken("it-admin", "gatehouse-admin");
    developer = devToken("erin", "exec-devs");
    ProxySetup.policy(admin, "it-exec-policy", POLICY);
    ProxySetup.connection(
        admin,
        CONNECTION,
        """
        {"name":"%s","type":"kubernetes",
         "target":{"url":"%s"},"tls":{"mode":"disable"},
         "credential":{"token":"exec-cluster-token"},
         "accessGroups":["exec-devs"],"policy":"it-exec-policy"}
        """
            .formatted(CONNECTION, apiServer.url()));
    kubectl = new Kubectl("https://127.0.0.1:" + HTTPS_PORT + "/proxy/" + CONNECTION, home);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (apiServer != null) {
      apiServer.close();
    }
  }

  @Test
  @Order(1)
  void execRunsWithTheGatewaysCredentialAndMaskedOutput() throws Exception {
    Kubectl.Result r =
        kubectl.run(developer, null, "exec", "web", "-n", "default", "--", "echo", "hello");
    assertEquals(0, r.exit(), "kubectl exec: " + r + " target saw " + apiServer.seen);
    assertTrue(r.stdout().contains("echo hello"), "the command's output: " + r);
    assertFalse(r.stdout().contains("4111 1111 1111 1111"), "the card is masked: " + r);
    assertTrue(r.stdout().contains("card "), "the rest is kept: " + r);
    assertTrue(
        apiServer.seen.stream().anyMatch(s -> s.contains("/exec auth=Bearer exec-cluster-token")),
        "the target saw the gateway's token, not the caller's: " + apiServer.seen);
    assertTrue(
        apiServer.seen.stream().anyMatch(s -> s.startsWith("exec v5.channel.k8s.io echo hello")),
        "over v5.channel.k8s.io: " + apiServer.seen);
  }

  @Test
  @Order(2)
  void stdinIsRelayed() throws Exception {
    Kubectl.Result r =
        kubectl.run(
            developer,
            "typed through the gateway\n",
            "exec",
            "-i",
            "web",
            "-n",
            "default",
            "--",
            "cat");
    assertEquals(0, r.exit(), "kubectl exec -i: " + r);
    assertTrue(r.stdout().contains("typed through the gateway"), "echoed back: " + r);
  }

  @Test
  @Order(2)
  void attachIsRelayedWithTheGatewaysCredentialAndMaskedOutput() throws Exception {
    Kubectl.Result r = kubectl.run(developer, null, "attach", "web", "-n", "default", "-c", "app");
    assertEquals(0, r.exit(), "kubectl attach: " + r + " target saw " + apiServer.seen);
    assertTrue(r.stdout().contains("attached to app"), "the container's output: " + r);
    assertFalse(r.stdout().contains("4111 1111 1111 1111"), "the card is masked: " + r);
    assertTrue(
        apiServer.seen.stream()
            .anyMatch(s -> s.contains("/pods/web/attach auth=Bearer exec-cluster-token")),
        "attached with the gateway's token: " + apiServer.seen);
  }

  @Test
  @Order(3)
  void attachInAProductionNamespaceIsRefusedByRule() throws Exception {
    Kubectl.Result r = kubectl.run(developer, null, "attach", "web", "-n", "prod-eu", "-c", "app");
    assertNotEquals(0, r.exit(), "refused: " + r);
    assertTrue(r.stderr().contains("no-exec-in-prod"), "names the rule: " + r);
  }

  @Test
  @Order(3)
  void execInAProductionNamespaceIsRefusedByRule() throws Exception {
    Kubectl.Result r = kubectl.run(developer, null, "exec", "web", "-n", "prod-eu", "--", "id");
    assertNotEquals(0, r.exit(), "refused: " + r);
    assertTrue(r.stderr().contains("no-exec-in-prod"), "names the rule: " + r);
  }

  @Test
  @Order(5)
  void revokingTheGrantCutsALiveExecAndRefusesTheNextRequest() throws Exception {
    String contractor = devToken("gina", "exec-contractors");
    String reviewer = devToken("it-exec-reviewer", "gatehouse-reviewer");
    HttpResponse<String> requested =
        post(
            "/api/v1/grants",
            contractor,
            "{\"connection\":\"" + CONNECTION + "\",\"durationSeconds\":600,\"reason\":\"INC-7\"}");
    assertEquals(201, requested.statusCode(), "grant requested: " + requested.body());
    String grant = Gateway.json(requested.body()).getString("id");
    HttpResponse<String> approved =
        post("/api/v1/grants/" + grant + "/approve", reviewer, "{\"reason\":\"ok\"}");
    assertEquals(200, approved.statusCode(), "approved: " + approved.body());

    Kubectl.Running cat =
        kubectl.start(contractor, "exec", "-i", "web", "-n", "default", "--", "cat");
    try {
      cat.process().getOutputStream().write("before revocation\n".getBytes(UTF_8));
      cat.process().getOutputStream().flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!cat.stdout().contains("before revocation") && System.nanoTime() < deadline) {
        assertTrue(cat.process().isAlive(), "kubectl exec runs: " + cat.stderr());
        Thread.sleep(100);
      }
      assertTrue(cat.stdout().contains("before revocation"), "the stream runs: " + cat.stderr());

      HttpResponse<String> revoked =
          post("/api/v1/grants/" + grant + "/revoke", reviewer, "{\"reason\":\"incident over\"}");
      assertEquals(200, revoked.statusCode(), "revoked: " + revoked.body());
      assertTrue(cat.process().waitFor(15, TimeUnit.SECONDS), "the live exec is cut at once");
      assertNotEquals(0, cat.process().exitValue(), "kubectl fails: " + cat.stderr());
      assertTrue(
          cat.stderr().contains("revoked") && cat.stderr().contains("incident over"),
          "kubectl shows why, from the error channel: " + cat.stderr());
    } finally {
      cat.process().destroyForcibly();
    }

    HttpResponse<String> next =
        get("/proxy/" + CONNECTION + "/api/v1/namespaces/default/pods/web", contractor);
    assertEquals(403, next.statusCode(), "refused after revocation: " + next.body());
    assertTrue(
        next.body().contains("grant " + grant + " was revoked"),
        "the refusal names the ended grant: " + next.body());
  }

  private static HttpResponse<String> post(String path, String token, String body) {
    return Gateway.send(
        Gateway.authorized(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  @Order(4)
  void theExecIsRecordedAndReplayable() {
    List<JsonObject> events = ProxySetup.events(admin, CONNECTION);
    JsonObject output =
        events.stream()
            .filter(
                e ->
                    e.getString("type").equals("output")
                        && e.getString("payload").contains("echo hello"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("exec output recorded: " + events));
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.getString("type").equals("input")
                        && e.getString("payload").contains("typed through the gateway")),
        "stdin recorded: " + events);
    assertFalse(
        events.stream().anyMatch(e -> e.getString("payload").contains("4111 1111 1111 1111")),
        "the recording holds the masked output only");
    String session = output.getJsonObject("session").getString("id");
    HttpResponse<String> replay = get("/api/v1/sessions/" + session + "/replay", admin);
    assertEquals(200, replay.statusCode(), "replay: " + replay.body());
    assertTrue(replay.body().startsWith("{\"version\": 2"), "asciicast v2: " + replay.body());
    assertTrue(replay.body().contains("echo hello"), "the output replays: " + replay.body());
  }
}
