package io.gatehouse.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.masking.DetectorKind;
import io.gatehouse.masking.MaskStrategy;
import io.gatehouse.sql.StatementKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserTest {

  static String example() throws IOException {
    try (InputStream in =
        PolicyParserTest.class.getResourceAsStream("/policy/orders-default.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesTheDocumentedExample() throws IOException {
    Policy policy = PolicyParser.parse(example(), "orders-default");

    assertEquals("orders-default", policy.name(), "name");
    assertEquals(RecordingMode.STRICT, policy.recording(), "recording");
    assertTrue(policy.requireTls(), "requireTls");
    assertEquals(4, policy.rules().size(), "rules");
    Rule noDrop = policy.rules().get(0);
    assertEquals(Action.BLOCK, noDrop.action(), "no-drop action");
    assertEquals(
        Set.of(StatementKind.DROP, StatementKind.TRUNCATE),
        noDrop.when().sql().orElseThrow().kinds(),
        "no-drop kinds");
    assertTrue(policy.rules().get(1).when().sql().orElseThrow().withoutWhere(), "withoutWhere");
    assertTrue(policy.rules().get(2).when().command().orElseThrow().decodingPipes(), "pipes");
    assertEquals(
        List.of("namespaces"),
        policy.rules().get(3).when().kubernetes().orElseThrow().resources(),
        "k8s resources");
    MaskingSettings masking = policy.masking().orElseThrow();
    assertEquals(List.of("pii-readers"), masking.exemptGroups(), "exempt groups");
    assertEquals(
        DetectorKind.PAYMENT_CARD, masking.rules().get(0).detector().orElseThrow(), "detector");
    assertEquals(MaskStrategy.HASH, masking.rules().get(1).strategy(), "strategy");
    assertEquals(new ReviewSettings(List.of("gatehouse-reviewer"), 1, 60, 300), policy.review());
    assertTrue(policy.hasSqlRules(), "has sql rules");
  }

  @Test
  void minimalDocumentGetsTheDefaults() {
    Policy policy = PolicyParser.parse("{\"name\":\"p1\"}", "p1");

    assertEquals("", policy.description(), "description");
    assertEquals(RecordingMode.STRICT, policy.recording(), "recording");
    assertFalse(policy.requireTls(), "requireTls");
    assertEquals(Action.ALLOW, policy.defaultAction(), "defaultAction");
    assertEquals(List.of(), policy.rules(), "rules");
    assertTrue(policy.masking().isEmpty(), "masking");
    assertEquals(ReviewSettings.DEFAULT, policy.review(), "review");
    assertEquals(SessionTimeouts.NONE, policy.timeouts(), "no idle limits");
  }

  @Test
  void readsSessionTimeouts() {
    Policy policy =
        PolicyParser.parse(
            "{\"name\":\"a\",\"timeouts\":{\"idleSeconds\":900,\"idleInTransactionSeconds\":60}}",
            "a");

    assertEquals(new SessionTimeouts(900, 60), policy.timeouts(), "timeouts");
    assertTrue(
        PolicyWriter.toJson(policy)
            .contains("\"timeouts\":{\"idleSeconds\":900,\"idleInTransactionSeconds\":60}"),
        "written back");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\":\"a\",\"recording\":\"best-effort\",\"defaultAction\":\"review\"}",
        "{\"name\":\"a\",\"rules\":[{\"id\":\"r\",\"action\":\"allow\",\"when\":{\"http\":"
            + "{\"methods\":[\"GET\"],\"paths\":[\"/api/**\"]}},\"groups\":[\"dev\"]}]}",
        "{\"name\":\"a\",\"rules\":[{\"id\":\"r\",\"action\":\"review\",\"when\":{\"sql\":"
            + "{\"objects\":[\"public.*\"],\"functions\":[\"dblink*\"]},\"command\":"
            + "{\"programs\":[\"rm\"]}},\"exceptGroups\":[\"dba\"],\"message\":\"m\"}]}",
        "{\"name\":\"a\",\"masking\":{\"rules\":[{\"id\":\"m\",\"columns\":[\"*.email\"],"
            + "\"detector\":\"email\",\"strategy\":\"redact\"}]}}",
        "{\"name\":\"a\",\"review\":{\"approverGroups\":[\"sec\"],\"minApprovals\":5,"
            + "\"timeoutSeconds\":3600,\"approvalWindowSeconds\":0}}",
        "{\"name\":\"a\",\"timeouts\":{\"idleSeconds\":900,\"idleInTransactionSeconds\":60}}",
        "{\"name\":\"a\",\"rules\":[{\"id\":\"k\",\"action\":\"block\",\"when\":{\"kubernetes\":"
            + "{\"verbs\":[\"deletecollection\"],\"subresources\":[\"exec\"],"
            + "\"namespaces\":[\"kube-*\"]}}}]}",
        "{\"name\":\"a\",\"rules\":[{\"id\":\"f\",\"action\":\"allow\",\"when\":{\"forward\":"
            + "{\"kinds\":[\"local\"],\"destinations\":[\"db.internal:5432\",\"10.0.*:*\"]}}}]}",
        "{\"name\":\"a\",\"rules\":[{\"id\":\"f\",\"action\":\"block\",\"when\":{\"forward\":"
            + "{\"kinds\":[\"local\"]},\"command\":{\"programs\":[\"nc\"]}}}]}",
      })
  void validDocumentsSurviveTheCanonicalRoundTrip(String json) {
    Policy policy = PolicyParser.parse(json, "a");
    String canonical = PolicyWriter.toJson(policy);

    Policy again = PolicyParser.parse(canonical, "a");

    assertEquals(policy, again, "parse(write(p)) equals p");
    assertEquals(canonical, PolicyWriter.toJson(again), "canonical text is stable");
  }

  @Test
  void exampleSurvivesTheCanonicalRoundTrip() throws IOException {
    Policy policy = PolicyParser.parse(example(), null);

    assertEquals(policy, PolicyParser.parse(PolicyWriter.toJson(policy), null), "round trip");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    String json =
        "{\"name\":\"a\",\"recordng\":\"strict\",\"defaultAction\":\"deny\","
            + "\"rules\":[{\"id\":\"r\",\"action\":\"block\",\"when\":{\"sql\":"
            + "{\"kinds\":[\"DROPP\"]}}},{\"id\":\"r\",\"action\":\"allow\",\"when\":{}}],"
            + "\"review\":{\"minApprovals\":9}}";

    PolicyValidationException e =
        assertThrows(PolicyValidationException.class, () -> PolicyParser.parse(json, "a"));

    List<String> pointers = e.violations().stream().map(Violation::pointer).toList();
    assertEquals(
        List.of(
            "/recordng",
            "/defaultAction",
            "/rules/0/when/sql/kinds/0",
            "/rules/1/id",
            "/rules/1/when",
            "/review/minApprovals"),
        pointers,
        "every problem, in document order: " + e.violations());
  }

  @Test
  void unknownEnumValueListsTheAllowedOnes() {
    PolicyValidationException e =
        assertThrows(
            PolicyValidationException.class,
            () ->
                PolicyParser.parse(
                    "{\"name\":\"a\",\"rules\":[{\"id\":\"r\",\"action\":\"block\","
                        + "\"when\":{\"sql\":{\"kinds\":[\"DROPP\"]}}}]}",
                    "a"));

    Violation v = e.violations().get(0);
    assertEquals("/rules/0/when/sql/kinds/0", v.pointer(), "pointer");
    assertTrue(v.message().contains("'DROPP'"), "names the bad value: " + v.message());
    assertTrue(v.message().contains("TRUNCATE"), "lists allowed values: " + v.message());
  }
}
