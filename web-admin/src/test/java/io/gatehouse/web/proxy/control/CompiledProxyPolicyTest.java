package io.gatehouse.web.proxy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.http.kubernetes.KubernetesRequest;
import io.gatehouse.web.proxy.ProxyDecision;
import io.gatehouse.web.proxy.ProxyDecision.Action;
import io.gatehouse.web.proxy.ProxyRequest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompiledProxyPolicyTest {

  private static final String POLICY =
      """
      {"name":"billing","defaultAction":"allow","rules":[
        {"id":"admins-may-delete","action":"allow","groups":["ops"],
         "when":{"http":{"methods":["DELETE"]}}},
        {"id":"no-admin-delete","action":"block","exceptGroups":["breakglass"],
         "when":{"http":{"methods":["DELETE"],"paths":["/admin/**"]}},
         "message":"no deletes under /admin"},
        {"id":"no-ns-delete","action":"block",
         "when":{"kubernetes":{"verbs":["delete"],"resources":["namespaces"]}}},
        {"id":"review-secrets","action":"review",
         "when":{"kubernetes":{"resources":["secrets"],"verbs":["delete"]}}},
        {"id":"sql-only","action":"block","when":{"sql":{"kinds":["DROP"]}}}
      ],
      "masking":{"exemptGroups":["pii-readers"],"rules":[
        {"id":"cards","detector":"payment-card","strategy":"partial"},
        {"id":"emails","columns":["*.email"],"strategy":"redact"}]}}
      """;

  private final CompiledProxyPolicy policy =
      CompiledProxyPolicy.compile(POLICY, "billing", new byte[32]);

  private static ProxyRequest http(String method, String path) {
    return new ProxyRequest(method, path, Map.of(), null, false);
  }

  private static ProxyRequest kubernetes(String verb, String resource, String name) {
    KubernetesRequest k =
        new KubernetesRequest(true, verb, "", "v1", name, resource, "", name, "/api/v1/x", false);
    return new ProxyRequest("DELETE", "/api/v1/x", Map.of(), k, false);
  }

  @Test
  void firstMatchingRuleWinsWithGroups() {
    ProxyDecision d = policy.decide(Protocol.HTTP, http("delete", "/admin/x"), Set.of("dev"));
    assertEquals(Action.BLOCK, d.action(), "method matched case-insensitively");
    assertEquals("no-admin-delete", d.ruleId(), "the rule is named");
    assertEquals("no deletes under /admin", d.message(), "with its message");
    assertEquals(
        Action.ALLOW,
        policy.decide(Protocol.HTTP, http("DELETE", "/admin/x"), Set.of("ops")).action(),
        "an earlier allow rule for the group wins");
    assertEquals(
        Action.ALLOW,
        policy.decide(Protocol.HTTP, http("DELETE", "/admin/x"), Set.of("breakglass")).action(),
        "exceptGroups skip the rule; default allow");
    assertEquals(
        Action.ALLOW,
        policy.decide(Protocol.HTTP, http("DELETE", "/users/x"), Set.of()).action(),
        "other paths fall to the default");
  }

  @Test
  void kubernetesRulesOnlyOnKubernetesConnections() {
    ProxyDecision d =
        policy.decide(Protocol.KUBERNETES, kubernetes("delete", "namespaces", "x"), Set.of());
    assertEquals("no-ns-delete", d.ruleId(), "delete namespaces blocked");
    ProxyDecision review =
        policy.decide(Protocol.KUBERNETES, kubernetes("delete", "secrets", "db"), Set.of());
    assertEquals(Action.REVIEW, review.action(), "review rule");
    assertEquals(
        Action.ALLOW,
        policy.decide(Protocol.HTTP, kubernetes("delete", "namespaces", "x"), Set.of()).action(),
        "when.kubernetes does not apply to an HTTP connection");
  }

  @Test
  void detectorRulesMaskContentUnlessExempt() {
    ProxyDecision d = policy.decide(Protocol.HTTP, http("GET", "/cards"), Set.of());
    assertNotNull(d.contentMasker(), "the policy's detectors apply");
    String masked = d.contentMasker().mask("card 4111 1111 1111 1111 ok");
    assertEquals(false, masked.contains("4111 1111 1111 1111"), "card masked: " + masked);
    assertEquals("ann", d.contentMasker().mask("ann"), "nothing found, unchanged");
    assertNull(
        policy.decide(Protocol.HTTP, http("GET", "/cards"), Set.of("pii-readers")).contentMasker(),
        "exempt groups see values");
  }

  @Test
  void defaultActionAppliesWithoutRule() {
    CompiledProxyPolicy closed =
        CompiledProxyPolicy.compile(
            "{\"name\":\"closed\",\"defaultAction\":\"block\"}", "closed", null);
    ProxyDecision d = closed.decide(Protocol.HTTP, http("GET", "/"), Set.of());
    assertEquals(Action.BLOCK, d.action(), "default block");
    assertNull(d.ruleId(), "no rule named");
    assertNull(d.contentMasker(), "no masking rules, no content masker");
  }
}
