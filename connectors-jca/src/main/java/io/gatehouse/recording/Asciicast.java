package io.gatehouse.recording;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Exports a terminal session's recorded events as an asciicast v2 file (asciinema's format): a
 * header line {@code {"version": 2, "width": …, "height": …, "timestamp": …}}, then one {@code
 * [time, "o", data]} line per {@code output} event and one {@code [time, "r", "COLSxROWS"]} line
 * per {@code resize} event (a window change). Terminal size comes from the first {@code shell} or
 * {@code command} event that carries one (80x24 otherwise). Times never run backwards (channels
 * interleave; players need time to run forwards).
 */
public final class Asciicast {

  /** A stored event, as much of it as the export needs. */
  public record Event(String type, String payloadJson) {}

  private Asciicast() {}

  /** Whether the events hold any terminal output (a SQL session's do not). */
  public static boolean hasTerminalEvents(List<Event> events) {
    return events.stream().anyMatch(e -> "output".equals(e.type()));
  }

  /** The asciicast v2 text, newline-terminated lines. */
  public static String export(Instant startedAt, List<Event> events) {
    int width = 80;
    int height = 24;
    StringBuilder body = new StringBuilder();
    boolean sized = false;
    double last = 0;
    for (Event event : events) {
      JsonObject payload = parse(event.payloadJson());
      if (payload == null) {
        continue;
      }
      if (!sized && ("shell".equals(event.type()) || "command".equals(event.type()))) {
        if (payload.get("width") instanceof JsonNumber w
            && payload.get("height") instanceof JsonNumber h) {
          width = w.intValue();
          height = h.intValue();
          sized = true;
        }
      }
      String frame = null;
      if ("output".equals(event.type()) && payload.get("data") != null) {
        frame = "\"o\", " + Json.createValue(payload.getString("data", ""));
      } else if ("resize".equals(event.type())
          && payload.get("width") instanceof JsonNumber w
          && payload.get("height") instanceof JsonNumber h) {
        frame = "\"r\", \"" + w.intValue() + "x" + h.intValue() + "\"";
      }
      if (frame != null) {
        double t = payload.get("t") instanceof JsonNumber n ? n.doubleValue() : last;
        last = Math.max(last, t);
        body.append('[')
            .append(String.format(Locale.ROOT, "%.6f", last))
            .append(", ")
            .append(frame)
            .append("]\n");
      }
    }
    return "{\"version\": 2, \"width\": "
        + width
        + ", \"height\": "
        + height
        + ", \"timestamp\": "
        + startedAt.getEpochSecond()
        + ", \"env\": {\"TERM\": \"xterm-256color\"}}\n"
        + body;
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonValue value = reader.readValue();
      return value instanceof JsonObject object ? object : null;
    } catch (JsonException e) {
      return null;
    }
  }
}
