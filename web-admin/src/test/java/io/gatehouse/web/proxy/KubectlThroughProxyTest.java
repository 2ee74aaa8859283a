package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.http.kubernetes.KubernetesCriteria;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl, through the proxy core, against fabric8's Kubernetes mock server in CRUD mode
 * (with the legacy discovery documents added as expectations). The proxy speaks HTTPS with a
 * self-signed certificate ({@code --insecure-skip-tls-verify}): kubectl never sends a token over
 * plain HTTP. Skipped where kubectl is absent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlThroughProxyTest {

  @TempDir static Path home;

  private static KubernetesMockServer apiServer;
  private static JdkProxyServer proxy;
  private static Kubectl kubectl;

  private static final String POD =
      "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},"
          + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx\","
          + "\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2\"}]}]}}";

  private static final String SECRET =
      "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"default\"},"
          + "\"type\":\"Opaque\",\"data\":{\"password\":\"aHVudGVyMg==\"}}";

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(Kubectl.BINARY), "kubectl is not installed");
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    apiServer =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    apiServer.init(InetAddress.getLoopbackAddress(), 0);
    Discovery.expect(apiServer);
    InMemoryProxyAccess access =
        new InMemoryProxyAccess()
            .token("good-token", "alice", "kind-test")
            .connection(
                new ProxyTarget(
                    "kind-test",
                    Protocol.KUBERNETES,
                    URI.create(apiServer.url("/")),
                    new TargetCredential.Bearer("cluster-admin-token"),
                    null,
                    null,
                    null));
    RuleListPolicy policy =
        new RuleListPolicy()
            .block(
                "k8s-no-namespace-delete",
                new KubernetesCriteria(List.of("delete"), List.of("namespaces"), null, null),
                "Deleting namespaces is not allowed through the gateway")
            .block(
                "no-exec-in-prod",
                new KubernetesCriteria(
                    null, List.of("pods"), List.of("exec", "attach"), List.of("prod-*")),
                "No interactive sessions in production")
            .mask("$..env[*].value");
    proxy =
        new JdkProxyServer(
            new ProxyCore(access, policy, ProxySettings.defaults()), TestTls.selfSigned(home));
    kubectl = new Kubectl(proxy.url("kind-test"), home);
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (apiServer != null) {
      apiServer.destroy();
    }
  }

  @Test
  @Order(1)
  void createsAPod() throws Exception {
    Kubectl.Result r = kubectl.run("good-token", POD, "create", "--validate=false", "-f", "-");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.stdout().contains("pod/web created"), r.toString());
  }

  @Test
  @Order(2)
  void getsPodsAsJsonWithEnvValuesMasked() throws Exception {
    Kubectl.Result r =
        kubectl.run("good-token", null, "get", "pods", "-n", "default", "-o", "json");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.stdout().contains("\"name\": \"web\""), r.toString());
    assertTrue(r.stdout().contains("\"DB_PASSWORD\""), "env names kept: " + r);
    assertFalse(r.stdout().contains("hunter2"), "env values masked: " + r);
  }

  @Test
  @Order(3)
  void createsASecretAndReadsItBackMasked() throws Exception {
    // From a JSON manifest: "kubectl create secret generic" posts protobuf, which the stand-in
    // cannot read (the gateway passes request bodies through untouched).
    Kubectl.Result created =
        kubectl.run("good-token", SECRET, "create", "--validate=false", "-f", "-");
    assertEquals(0, created.exit(), created.toString());
    assertTrue(created.stdout().contains("secret/db created"), created.toString());
    Kubectl.Result yaml =
        kubectl.run("good-token", null, "get", "secret", "db", "-n", "default", "-o", "yaml");
    assertEquals(0, yaml.exit(), yaml.toString());
    assertTrue(yaml.stdout().contains("password: '****'"), "masked in YAML: " + yaml);
    assertFalse(yaml.stdout().contains("aHVudGVyMg=="), "base64 value never shown: " + yaml);
    Kubectl.Result list = kubectl.run("good-token", null, "get", "secrets", "-A", "-o", "json");
    assertEquals(0, list.exit(), list.toString());
    assertTrue(list.stdout().contains("\"db\""), list.toString());
    assertFalse(list.stdout().contains("aHVudGVyMg=="), "masked in lists: " + list);
  }

  @Test
  @Order(4)
  void deletingANamespaceIsRefusedWithTheRuleMessage() throws Exception {
    Kubectl.Result r = kubectl.run("good-token", null, "delete", "namespace", "kube-system");
    assertNotEquals(0, r.exit(), r.toString());
    assertTrue(r.stderr().contains("Error from server (Forbidden)"), r.toString());
    assertTrue(r.stderr().contains("k8s-no-namespace-delete"), r.toString());
    assertTrue(
        r.stderr().contains("Deleting namespaces is not allowed through the gateway"),
        r.toString());
  }

  @Test
  @Order(5)
  void execIsRefusedByRuleInProductionAndNotRelayedElsewhere() throws Exception {
    Kubectl.Result pod =
        kubectl.run(
            "good-token",
            POD.replace("\"default\"", "\"prod-eu\""),
            "create",
            "--validate=false",
            "-f",
            "-");
    assertEquals(0, pod.exit(), pod.toString());
    Kubectl.Result prod =
        kubectl.run("good-token", null, "exec", "-n", "prod-eu", "web", "--", "ls");
    assertNotEquals(0, prod.exit(), prod.toString());
    assertTrue(prod.stderr().contains("blocked by rule no-exec-in-prod"), prod.toString());
    Kubectl.Result dev =
        kubectl.run("good-token", null, "exec", "-n", "default", "web", "--", "ls");
    assertNotEquals(0, dev.exit(), dev.toString());
    assertTrue(dev.stderr().contains("not supported by the gateway yet"), dev.toString());
  }

  @Test
  @Order(6)
  void aBadTokenIsUnauthorized() throws Exception {
    Kubectl.Result r = kubectl.run("bad-token", null, "get", "pods", "-n", "default");
    assertNotEquals(0, r.exit(), r.toString());
    assertTrue(
        r.stderr().contains("Unauthorized") || r.stderr().contains("must be logged in"),
        r.toString());
    assertFalse(r.stderr().contains("cluster-admin-token"), "target credential never shown");
  }
}
