package io.gatehouse.web.admin.sessions;

import io.gatehouse.control.application.SessionEventView;
import io.gatehouse.web.admin.Times;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;

/** Turns recorded events (PostgreSQL path: statement, result, error, …) into timeline entries. */
final class TimelineReader {

  private TimelineReader() {}

  static TimelineEntry read(SessionEventView event) {
    JsonObject payload = parse(event.payload());
    String at = Times.format(event.occurredAt());
    return switch (event.type()) {
      case "statement" ->
          entry(
              event,
              at,
              statementHeadline(event, payload),
              payload == null ? event.payload() : payload.getString("sql", event.payload()));
      case "result" ->
          entry(
              event,
              at,
              payload == null ? "result" : payload.getString("tag", "result") + micros(payload),
              "");
      case "error" ->
          entry(
              event,
              at,
              payload == null ? "error" : "error " + payload.getString("sqlstate", ""),
              payload == null ? event.payload() : payload.getString("message", event.payload()));
      default -> entry(event, at, event.type(), event.payload());
    };
  }

  private static String statementHeadline(SessionEventView event, JsonObject payload) {
    String kinds = payload == null ? "" : payload.getString("kinds", "");
    String decision = event.decision() == null ? "recorded" : decisionWord(event.decision());
    String rule = event.ruleId() == null ? "" : " by " + event.ruleId();
    return (kinds.isEmpty() ? "statement" : kinds) + " · " + decision + rule;
  }

  private static String decisionWord(String decision) {
    return switch (decision) {
      case "allow" -> "allowed";
      case "block" -> "blocked";
      case "review" -> "held for review";
      default -> decision;
    };
  }

  private static String micros(JsonObject payload) {
    if (!payload.containsKey("micros")) {
      return "";
    }
    long micros = payload.getJsonNumber("micros").longValue();
    return micros < 1000 ? " · " + micros + " µs" : " · " + (micros / 1000) + " ms";
  }

  private static TimelineEntry entry(
      SessionEventView event, String at, String headline, String detail) {
    return new TimelineEntry(
        event.sequence(), at, event.type(), headline, detail, event.decision(), event.ruleId());
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      return null;
    }
  }
}
