package it.io.gatehouse.http;

import static it.io.gatehouse.support.Gateway.devToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
          "message":"Deleting namespaces is not allowed through the gateway"}]}
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
  static String developer;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(Files.isExecutable(Kubectl.BINARY), "kubectl is not installed");
    apiServer = new ApiServerStandIn();
    admin = devToken("it-admin", "gatehouse-admin");
    developer = devToken("devon", "k8s-devs");
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
