package io.gatehouse.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsciicastTest {

  private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

  private static Asciicast.Event event(String type, String json) {
    return new Asciicast.Event(type, json);
  }

  private static List<String> lines(String cast) {
    assertTrue(cast.endsWith("\n"), "newline-terminated");
    return cast.lines().toList();
  }

  private static JsonArray frame(String line) {
    return Json.createReader(new StringReader(line)).readArray();
  }

  @Test
  void headerTakesTheFirstTerminalSizeAndFramesFollowInOrder() {
    String cast =
        Asciicast.export(
            START,
            List.of(
                event("session-start", "{}"),
                event("command", "{\"command\":\"top\",\"width\":132,\"height\":43}"),
                event("shell", "{\"width\":80,\"height\":24}"),
                event(
                    "output", "{\"channel\":0,\"t\":0.25,\"data\":\"a \\\"q\\\" \\u001b[1mb\\n\"}"),
                event("resize", "{\"channel\":0,\"width\":100,\"height\":30,\"t\":0.5}"),
                event("input", "{\"channel\":0,\"t\":0.6,\"data\":\"ls\"}"),
                event("output", "{\"channel\":0,\"t\":0.75,\"data\":\"c\"}"),
                event("exit", "{\"status\":0}")));
    List<String> lines = lines(cast);
    JsonObject header = Json.createReader(new StringReader(lines.get(0))).readObject();
    assertEquals(2, header.getInt("version"));
    assertEquals(132, header.getInt("width"), "the first event with a size");
    assertEquals(43, header.getInt("height"));
    assertEquals(START.getEpochSecond(), header.getJsonNumber("timestamp").longValue());
    assertEquals(4, lines.size(), cast);
    JsonArray first = frame(lines.get(1));
    assertEquals(0.25, first.getJsonNumber(0).doubleValue(), 1e-9);
    assertEquals("o", first.getString(1));
    assertEquals("a \"q\" \u001b[1mb\n", first.getString(2), "escapes survive the JSON");
    JsonArray resize = frame(lines.get(2));
    assertEquals("r", resize.getString(1));
    assertEquals("100x30", resize.getString(2));
    assertEquals(0.5, resize.getJsonNumber(0).doubleValue(), 1e-9);
    assertEquals("c", frame(lines.get(3)).getString(2), "input is not replayed as output");
  }

  @Test
  void timeNeverRunsBackwardsAcrossInterleavedChannels() {
    String cast =
        Asciicast.export(
            START,
            List.of(
                event("output", "{\"channel\":0,\"t\":2.0,\"data\":\"x\"}"),
                event("output", "{\"channel\":1,\"t\":1.5,\"data\":\"y\"}"),
                event("resize", "{\"channel\":1,\"width\":90,\"height\":20,\"t\":1.0}"),
                event("output", "{\"channel\":1,\"data\":\"no time\"}"),
                event("output", "{\"channel\":0,\"t\":3.0,\"data\":\"z\"}")));
    List<String> lines = lines(cast);
    double previous = 0;
    for (String line : lines.subList(1, lines.size())) {
      double t = frame(line).getJsonNumber(0).doubleValue();
      assertTrue(t >= previous, cast);
      previous = t;
    }
    assertEquals(2.0, frame(lines.get(2)).getJsonNumber(0).doubleValue(), 1e-9, "clamped");
    assertEquals(3.0, frame(lines.get(5)).getJsonNumber(0).doubleValue(), 1e-9);
  }

  @Test
  void defaultsAndDamagedEventsAreSkipped() {
    String cast =
        Asciicast.export(
            START,
            List.of(
                event("output", "not json"),
                event("output", "[1,2]"),
                event("output", "{\"t\":1.0}"),
                event("resize", "{\"width\":\"wide\",\"t\":1.0}"),
                event("output", "{\"t\":1.5,\"data\":\"ok\"}")));
    List<String> lines = lines(cast);
    JsonObject header = Json.createReader(new StringReader(lines.get(0))).readObject();
    assertEquals(80, header.getInt("width"));
    assertEquals(24, header.getInt("height"));
    assertEquals(2, lines.size(), cast);
    assertEquals("ok", frame(lines.get(1)).getString(2));
    assertFalse(Asciicast.hasTerminalEvents(List.of(event("statement", "{}"))));
    assertTrue(Asciicast.hasTerminalEvents(List.of(event("output", "{}"))));
  }
}
