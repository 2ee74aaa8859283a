package io.gatehouse.http.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathExpressionTest {

  /** "items.0.spec" with numbers as indexes; "" is the root. */
  private static List<Object> path(String dotted) {
    List<Object> path = new ArrayList<>();
    if (dotted.isEmpty()) {
      return path;
    }
    for (String part : dotted.split("\\.")) {
      path.add(part.matches("[0-9]+") ? (Object) Integer.valueOf(part) : part.replace('~', '.'));
    }
    return path;
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "$, '', true",
    "$, a, false",
    "$.a, a, true",
    "$.a, b, false",
    "$.a.b, a.b, true",
    "$.a.b, a.b.c, false",
    "$['a'], a, true",
    "$[\"a\"], a, true",
    "$.metadata.annotations['kubectl.kubernetes.io/x'], metadata.annotations.kubectl~kubernetes~io/x, true",
    "$.items[*].spec.containers[*].env[*].value, items.3.spec.containers.0.env.12.value, true",
    "$.items[*].spec.containers[*].env[*].value, items.3.spec.containers.0.env.12.name, false",
    "$.items[*].spec, items.x.spec, true",
    "$.items[1], items.1, true",
    "$.items[1], items.2, false",
    "$.items[1], items.x, false",
    "$.*, a, true",
    "$.*, 0, true",
    "$.*, a.b, false",
    "$..password, password, true",
    "$..password, a.b.0.password, true",
    "$..password, a.password.b, false",
    "$..password, a.passwords, false",
    "$..*, a.b, true",
    "$.a..b, a.x.y.b, true",
    "$.a..b, x.a.b, false",
    "$..env[*].value, items.0.spec.containers.1.env.2.value, true",
    "$..['a.b'], x.a~b, true",
  })
  void matches(String expression, String dotted, boolean expected) {
    assertEquals(
        expected,
        JsonPathExpression.parse(expression).matches(path(dotted)),
        expression + " vs " + dotted);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a.b",
        "$.",
        "$..",
        "$[",
        "$[?(@.x)]",
        "$[1:2]",
        "$[0,1]",
        "$a",
      })
  void refusesWhatTheSubsetDoesNotCover(String expression) {
    assertThrows(
        IllegalArgumentException.class, () -> JsonPathExpression.parse(expression), expression);
  }
}
