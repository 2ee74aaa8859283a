package io.gatehouse.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.policy.NotificationSettings.Event;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationSettingsParserTest {

  @Test
  void webhookWithChosenEventsRoundTrips() {
    Policy policy =
        PolicyParser.parse(
            "{\"name\":\"a\",\"notifications\":{\"webhookUrl\":\"https://hooks.example.com/T1/B2\","
                + "\"events\":[\"grant.requested\",\"review.approved\"]}}",
            "a");

    NotificationSettings n = policy.notifications().orElseThrow();
    assertEquals(URI.create("https://hooks.example.com/T1/B2"), n.webhookUrl(), "url");
    assertEquals(Set.of(Event.GRANT_REQUESTED, Event.REVIEW_APPROVED), n.events(), "events");
    assertFalse(n.sends(Event.GRANT_EXPIRED), "an event not listed is not sent");
    String canonical = PolicyWriter.toJson(policy);
    assertEquals(policy, PolicyParser.parse(canonical, "a"), "round trip: " + canonical);
    assertTrue(
        canonical.contains(
            "\"notifications\":{\"webhookUrl\":\"https://hooks.example.com/T1/B2\","
                + "\"events\":[\"review.approved\",\"grant.requested\"]}"),
        "canonical form: " + canonical);
  }

  @Test
  void noEventsMeansEveryEvent() {
    Policy policy =
        PolicyParser.parse(
            "{\"name\":\"a\",\"notifications\":{\"webhookUrl\":\"http://127.0.0.1:9/h\"}}", "a");

    assertEquals(
        EnumSet.allOf(Event.class), policy.notifications().orElseThrow().events(), "all events");
    assertEquals(policy, PolicyParser.parse(PolicyWriter.toJson(policy), "a"), "round trip");
    assertTrue(
        PolicyParser.parse("{\"name\":\"a\"}", "a").notifications().isEmpty(), "none by default");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|/notifications/webhookUrl|is required",
        "{\"webhookUrl\":\"ftp://h/x\"}|/notifications/webhookUrl|http:// or https://",
        "{\"webhookUrl\":\"hooks.example.com/x\"}|/notifications/webhookUrl|absolute",
        "{\"webhookUrl\":\"https:///x\"}|/notifications/webhookUrl|host",
        "{\"webhookUrl\":\"https://h/a b\"}|/notifications/webhookUrl|not a valid URL",
        "{\"webhookUrl\":7}|/notifications/webhookUrl|must be a string",
        "{\"webhookUrl\":\"https://h/\",\"events\":[\"grant.exploded\"]}"
            + "|/notifications/events/0|grant.expired",
        "{\"webhookUrl\":\"https://h/\",\"events\":[]}|/notifications/events|must not be empty",
        "{\"webhookUrl\":\"https://h/\",\"url\":\"x\"}|/notifications/url|unknown field",
        "[]|/notifications|must be an object",
      })
  void badSettingsAreReportedByPointer(String notifications, String pointer, String message) {
    PolicyValidationException e =
        assertThrows(
            PolicyValidationException.class,
            () ->
                PolicyParser.parse(
                    "{\"name\":\"a\",\"notifications\":" + notifications + "}", "a"));

    List<Violation> violations = e.violations();
    assertEquals(1, violations.size(), "one problem: " + violations);
    assertEquals(pointer, violations.get(0).pointer(), "pointer");
    assertTrue(
        violations.get(0).message().contains(message),
        "message names the problem: " + violations.get(0).message());
  }

  @Test
  void tooLongUrlIsRefused() {
    String url = "https://h/" + "a".repeat(NotificationSettings.MAX_URL_LENGTH);
    PolicyValidationException e =
        assertThrows(
            PolicyValidationException.class,
            () ->
                PolicyParser.parse(
                    "{\"name\":\"a\",\"notifications\":{\"webhookUrl\":\"" + url + "\"}}", "a"));
    assertTrue(e.violations().get(0).message().contains("at most 2000"), e.getMessage());
  }
}
