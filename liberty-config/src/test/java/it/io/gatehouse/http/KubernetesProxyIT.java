package it.io.gatehouse.http;

import static it.io.gatehouse.support.Gateway.authorized;
import static it.io.gatehouse.support.Gateway.devToken;
import static it.io.gatehouse.support.Gateway.get;
import static it.io.gatehouse.support.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl through the running server's HTTPS endpoint to a Kubernetes API stand-in
 * (fabric8's mock server, HTTPS, its self-signed certificate given as the connection's CA): the
 * gateway verifies the caller's token, injects the cluster token it holds, applies the policy and
 * masks Secrets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesProxyIT {

  static final int HTTPS_PORT = Integer.getInteger("it.https.port", 9443);
  static final String CONNECTION = "it-cluster";
  static final String POLICY =
      """
      {"name":"it-cluster-policy",
       "rules":[
         {"id":"k8s-no-namespace-delete","action":"block",
          "when":{"kubernetes":{"verbs":["delete"],"resources":["namespaces"]}},
          "message":"Deleting namespaces is not allowed through the gateway"},
         {"id":"k8s-review-pod-delete","action":"review",
          "when":{"kubernetes":{"verbs":["delete"],"resources":["pods"]}},
          "message":"Deleting pods needs a second pair of eyes"}]}
      """;
  static final String POD =
      "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},"
          + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx\"}]}}";
  static final String SECRET =
      "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"default\"},"
          + "\"type\":\"Opaque\",\"data\":{\"password\":\"aHVudGVyMg==\"}}";

  @TempDir static Path home;

  static ApiServerStandIn apiServer;
  static Kubectl kubectl;
  static String admin;
  static String reviewer;
  static String developer;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(Files.isExecutable(Kubectl.BINARY), "kubectl is not installed");
    apiServer = new ApiServerStandIn();
    admin = devToken("it-admin", "gatehouse-admin");
    developer = devToken("devon", "k8s-devs");
    reviewer = devToken("rita", "gatehouse-reviewer");
    ProxySetup.policy(admin, "it-cluster-policy", POLICY);
    String ca = apiServer.certificatePem().replace("\n", "\\n");
    ProxySetup.connection(
        admin,
        CONNECTION,
        """
        {"name":"%s","type":"kubernetes",
         "target":{"url":"%s"},"tls":{"mode":"verify-full","caPem":"%s"},
         "credential":{"token":"cluster-admin-token"},
         "accessGroups":["k8s-devs"],"policy":"it-cluster-policy"}
        """
            .formatted(CONNECTION, apiServer.url(), ca));
    kubectl = new Kubectl("https://127.0.0.1:" + HTTPS_PORT + "/proxy/" + CONNECTION, home);
    // The first proxied requests of a fresh server are slow (CDI, EJB, policy compilation) and
    // kubectl gives each request 20 s: warm the path up once.
    kubectl.run(developer, null, "get", "namespaces");
  }

  @AfterAll
  static void tearDown() {
    if (apiServer != null) {
      apiServer.close();
    }
  }

  @Test
  @Order(1)
  void createsAndGetsPods() throws Exception {
    Kubectl.Result created = kubectl.run(developer, POD, "create", "--validate=false", "-f", "-");
    assertEquals(0, created.exit(), "kubectl create: " + created);
    Kubectl.Result pods = kubectl.run(developer, null, "get", "pods", "-n", "default");
    assertEquals(0, pods.exit(), "kubectl get pods: " + pods);
    assertTrue(pods.stdout().contains("web"), "the pod is listed: " + pods);
  }

  @Test
  @Order(2)
  void deletingANamespaceIsRefusedWithTheRuleMessage() throws Exception {
    Kubectl.Result r = kubectl.run(developer, null, "delete", "namespace", "x");
    assertNotEquals(0, r.exit(), "refused: " + r);
    assertTrue(r.stderr().contains("Forbidden"), "kubectl shows a 403: " + r);
    assertTrue(r.stderr().contains("k8s-no-namespace-delete"), "names the rule: " + r);
    assertTrue(
        r.stderr().contains("Deleting namespaces is not allowed through the gateway"),
        "with its message: " + r);
  }

  @Test
  @Order(3)
  void secretsAreMasked() throws Exception {
    Kubectl.Result created =
        kubectl.run(developer, SECRET, "create", "--validate=false", "-f", "-");
    assertEquals(0, created.exit(), "kubectl create secret: " + created);
    Kubectl.Result yaml =
        kubectl.run(developer, null, "get", "secret", "db", "-n", "default", "-o", "yaml");
    assertEquals(0, yaml.exit(), "kubectl get secret: " + yaml);
    assertTrue(yaml.stdout().contains("password:"), "the key is kept: " + yaml);
    assertFalse(yaml.stdout().contains("aHVudGVyMg=="), "the value is masked: " + yaml);
  }

  @Test
  @Order(4)
  void aTokenWithoutTheGroupIsRefused() throws Exception {
    Kubectl.Result r =
        kubectl.run(devToken("mallory", "marketing"), null, "get", "pods", "-n", "default");
    assertNotEquals(0, r.exit(), "refused: " + r);
    assertTrue(r.stderr().contains("Forbidden"), "403: " + r);
  }

  @Test
  @Order(5)
  void aHeldPodDeleteRunsOnceApprovedWhileKubectlWaits() throws Exception {
    Kubectl.Result created =
        kubectl.run(
            developer,
            POD.replace("\"web\"", "\"doomed\""),
            "create",
            "--validate=false",
            "-f",
            "-");
    assertEquals(0, created.exit(), "kubectl create: " + created);
    CompletableFuture<Kubectl.Result> delete =
        CompletableFuture.supplyAsync(
            () -> kubectl.runUnchecked(developer, "delete", "pod", "doomed", "--wait=false"));
    JsonObject review = awaitPendingReview("delete pods doomed -n default");
    Thread.sleep(500);
    assertFalse(delete.isDone(), "kubectl waits while the review is pending: " + review);
    HttpResponse<String> approved = decide(review.getString("id"), "approve", "planned");
    assertEquals(200, approved.statusCode(), "approved: " + approved.body());
    Kubectl.Result deleted = delete.get(30, TimeUnit.SECONDS);
    assertEquals(0, deleted.exit(), "the held delete ran: " + deleted);
    assertTrue(deleted.stdout().contains("\"doomed\" deleted"), "kubectl says so: " + deleted);
    Kubectl.Result gone = kubectl.run(developer, null, "get", "pod", "doomed", "-n", "default");
    assertNotEquals(0, gone.exit(), "the pod is gone: " + gone);
  }

  @Test
  @Order(6)
  void aRejectedPodDeleteIs403NamingTheReview() throws Exception {
    CompletableFuture<Kubectl.Result> delete =
        CompletableFuture.supplyAsync(
            () -> kubectl.runUnchecked(developer, "delete", "pod", "web", "--wait=false"));
    JsonObject review = awaitPendingReview("delete pods web -n default");
    String id = review.getString("id");
    HttpResponse<String> rejected = decide(id, "reject", "not in prod hours");
    assertEquals(200, rejected.statusCode(), "rejected: " + rejected.body());
    Kubectl.Result r = delete.get(30, TimeUnit.SECONDS);
    assertNotEquals(0, r.exit(), "refused: " + r);
    assertTrue(r.stderr().contains("Forbidden"), "a 403: " + r);
    assertTrue(r.stderr().contains("review " + id + " was rejected"), "names the review: " + r);
    Kubectl.Result still = kubectl.run(developer, null, "get", "pod", "web", "-n", "default");
    assertEquals(0, still.exit(), "the pod is still there: " + still);
  }

  private static HttpResponse<String> decide(String review, String verb, String reason) {
    return send(
        authorized("/api/v1/reviews/" + review + "/" + verb, reviewer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + reason + "\"}")));
  }

  private static JsonObject awaitPendingReview(String meaning) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      HttpResponse<String> list = get("/api/v1/reviews", reviewer);
      assertEquals(200, list.statusCode(), "reviews: " + list.body());
      for (JsonObject review : ProxySetup.array(list.body()).getValuesAs(JsonObject.class)) {
        if (review.getString("subject").contains("(" + meaning + ")")
            && review.getString("status").equals("pending")) {
          return review;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no pending review for " + meaning);
  }

  @Test
  @Order(7)
  void requestsAreRecordedWithTheirKubernetesMeaning() {
    List<JsonObject> events = ProxySetup.events(admin, CONNECTION);
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    "block".equals(e.getString("decision", null))
                        && "k8s-no-namespace-delete".equals(e.getString("ruleId", null))
                        && e.getString("payload").contains("\"verb\":\"delete\"")
                        && e.getString("payload").contains("\"resource\":\"namespaces\"")),
        "the refused delete is recorded: " + events);
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    "allow".equals(e.getString("decision", null))
                        && e.getString("payload").contains("\"verb\":\"list\"")
                        && e.getString("payload").contains("\"resource\":\"pods\"")),
        "the pod list is recorded: " + events);
  }
}
