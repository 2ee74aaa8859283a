package io.gatehouse.policy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad document is rejected with the expected pointer and message. */
class PolicyParserRejectionTest {

  static String rule(String when) {
    return "{\"name\":\"a\",\"rules\":[{\"id\":\"r\",\"action\":\"block\",\"when\":" + when + "}]}";
  }

  static Stream<Arguments> badDocuments() {
    return Stream.of(
        Arguments.of("not json", "", "not valid JSON"),
        Arguments.of("[]", "", "must be an object"),
        Arguments.of("{}", "/name", "is required"),
        Arguments.of("{\"name\":\"b\"}", "/name", "must equal the name in the URL"),
        Arguments.of("{\"name\":\"A b\"}", "/name", "must be 1-63 characters"),
        Arguments.of("{\"name\":\"a\",\"requireTls\":\"yes\"}", "/requireTls", "true or false"),
        Arguments.of("{\"name\":\"a\",\"recording\":\"fast\"}", "/recording", "best-effort"),
        Arguments.of("{\"name\":\"a\",\"rules\":{}}", "/rules", "must be an array"),
        Arguments.of("{\"name\":\"a\",\"description\":7}", "/description", "must be a string"),
        Arguments.of(
            "{\"name\":\"a\",\"description\":\"" + "x".repeat(1001) + "\"}",
            "/description",
            "at most 1000"),
        Arguments.of("{\"name\":\"a\",\"rules\":[{}]}", "/rules/0/id", "is required"),
        Arguments.of("{\"name\":\"a\",\"rules\":[{\"id\":\"r\"}]}", "/rules/0/action", "required"),
        Arguments.of(
            "{\"name\":\"a\",\"rules\":[{\"id\":\"r\",\"action\":\"block\"}]}",
            "/rules/0/when",
            "is required"),
        Arguments.of(rule("{}"), "/rules/0/when", "at least one of sql"),
        Arguments.of(rule("{\"sql\":{}}"), "/rules/0/when/sql", "at least one criterion"),
        Arguments.of(rule("{\"sql\":{\"kinds\":[]}}"), "/rules/0/when/sql/kinds", "not be empty"),
        Arguments.of(rule("{\"sql\":{\"kind\":[\"DROP\"]}}"), "/rules/0/when/sql/kind", "unknown"),
        Arguments.of(
            rule("{\"sql\":{\"kinds\":[\"drop\"]}}"), "/rules/0/when/sql/kinds/0", "'drop'"),
        Arguments.of(rule("{\"sql\":{\"kinds\":[1]}}"), "/rules/0/when/sql/kinds/0", "a string"),
        Arguments.of(rule("{\"sequel\":{}}"), "/rules/0/when/sequel", "unknown field"),
        Arguments.of(rule("{\"command\":{}}"), "/rules/0/when/command", "at least one criterion"),
        Arguments.of(rule("{\"forward\":{}}"), "/rules/0/when/forward", "at least one criterion"),
        Arguments.of(
            rule("{\"forward\":{\"kinds\":[\"x11\"]}}"), "/rules/0/when/forward/kinds/0", "local"),
        Arguments.of(
            rule("{\"forward\":{\"destinations\":[\"db.internal\"]}}"),
            "/rules/0/when/forward/destinations/0",
            "host:port"),
        Arguments.of(
            rule("{\"forward\":{\"destinations\":[\"db.internal:http\"]}}"),
            "/rules/0/when/forward/destinations/0",
            "host:port"),
        Arguments.of(
            rule("{\"forward\":{\"destinations\":[\":22\"]}}"),
            "/rules/0/when/forward/destinations/0",
            "host:port"),
        Arguments.of(
            rule("{\"forward\":{\"to\":[\"a:1\"]}}"), "/rules/0/when/forward/to", "unknown"),
        Arguments.of(
            rule("{\"command\":{\"programs\":[\" \"]}}"),
            "/rules/0/when/command/programs/0",
            "blank"),
        Arguments.of(
            rule("{\"http\":{\"methods\":[\"get\"]}}"), "/rules/0/when/http/methods/0", "GET"),
        Arguments.of(
            rule("{\"kubernetes\":{\"verbs\":[\"remove\"]}}"),
            "/rules/0/when/kubernetes/verbs/0",
            "deletecollection"),
        Arguments.of(
            rule("{\"kubernetes\":{\"resources\":[\"Pods\"]}}"),
            "/rules/0/when/kubernetes/resources/0",
            "lower-case"),
        Arguments.of(
            "{\"name\":\"a\",\"rules\":[{\"id\":\"r\",\"action\":\"block\",\"when\":"
                + "{\"sql\":{\"kinds\":[\"DROP\"]}},\"message\":\""
                + "m".repeat(501)
                + "\"}]}",
            "/rules/0/message",
            "at most 500"),
        Arguments.of(
            "{\"name\":\"a\",\"rules\":[{\"id\":\"r\",\"action\":\"block\",\"when\":"
                + "{\"sql\":{\"kinds\":[\"DROP\"]}},\"groups\":[]}]}",
            "/rules/0/groups",
            "not be empty"),
        Arguments.of(
            "{\"name\":\"a\",\"rules\":[{\"id\":\"r\",\"action\":\"stop\",\"when\":"
                + "{\"sql\":{\"kinds\":[\"DROP\"]}}}]}",
            "/rules/0/action",
            "allow, block, review"),
        Arguments.of(
            "{\"name\":\"a\",\"rules\":[{\"id\":\"r\",\"action\":\"block\",\"when\":"
                + "{\"sql\":{\"kinds\":[\"DROP\"]}}},{\"id\":\"r\",\"action\":\"block\","
                + "\"when\":{\"sql\":{\"kinds\":[\"DROP\"]}}}]}",
            "/rules/1/id",
            "duplicate id 'r'"),
        Arguments.of(
            "{\"name\":\"a\",\"masking\":{\"rules\":[{\"id\":\"m\",\"strategy\":\"hash\"}]}}",
            "/masking/rules/0",
            "columns, a detector"),
        Arguments.of(
            "{\"name\":\"a\",\"masking\":{\"rules\":[{\"id\":\"m\",\"detector\":\"ssn\","
                + "\"strategy\":\"hash\"}]}}",
            "/masking/rules/0/detector",
            "us-ssn"),
        Arguments.of(
            "{\"name\":\"a\",\"masking\":{\"rules\":[{\"id\":\"m\",\"detector\":\"email\"}]}}",
            "/masking/rules/0/strategy",
            "is required"),
        Arguments.of(
            "{\"name\":\"a\",\"masking\":{\"rules\":[{\"id\":\"m\",\"detector\":\"email\","
                + "\"strategy\":\"blur\"}]}}",
            "/masking/rules/0/strategy",
            "redact, partial, hash"),
        Arguments.of(
            "{\"name\":\"a\",\"masking\":{\"exempt\":[\"x\"]}}", "/masking/exempt", "unknown"),
        Arguments.of(
            "{\"name\":\"a\",\"review\":{\"minApprovals\":0}}", "/review/minApprovals", "1-5"),
        Arguments.of(
            "{\"name\":\"a\",\"review\":{\"minApprovals\":1.5}}",
            "/review/minApprovals",
            "integer"),
        Arguments.of(
            "{\"name\":\"a\",\"review\":{\"timeoutSeconds\":3601}}",
            "/review/timeoutSeconds",
            "1-3600"),
        Arguments.of(
            "{\"name\":\"a\",\"review\":{\"approvalWindowSeconds\":-1}}",
            "/review/approvalWindowSeconds",
            "0-86400"),
        Arguments.of(
            "{\"name\":\"a\",\"review\":{\"approverGroups\":[]}}",
            "/review/approverGroups",
            "not be empty"),
        Arguments.of(
            "{\"name\":\"a\",\"timeouts\":{\"idleSeconds\":86401}}",
            "/timeouts/idleSeconds",
            "0-86400"),
        Arguments.of(
            "{\"name\":\"a\",\"timeouts\":{\"idleInTransactionSeconds\":\"5m\"}}",
            "/timeouts/idleInTransactionSeconds",
            "integer"),
        Arguments.of("{\"name\":\"a\",\"timeouts\":{\"idle\":60}}", "/timeouts/idle", "unknown"),
        Arguments.of("{\"name\":\"a\",\"a/b\":1}", "/a~1b", "unknown field"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("badDocuments")
  void rejects(String json, String pointer, String message) {
    PolicyValidationException e =
        assertThrows(PolicyValidationException.class, () -> PolicyParser.parse(json, "a"));

    assertTrue(
        e.violations().stream()
            .anyMatch(v -> v.pointer().equals(pointer) && v.message().contains(message)),
        "expected '" + pointer + ": …" + message + "…' in " + e.violations());
  }
}
