package io.gatehouse.control.infrastructure.cluster;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The payload of a {@code NOTIFY gatehouse_terminate}: what to end, why, and which server sent it
 * (a server ignores its own messages: it has already acted on its local data plane).
 *
 * <pre>{"v":1,"kind":"session"|"grant"|"grant-warning","id":"…","reason":"…","origin":"…"}</pre>
 */
public record TerminationMessage(Kind kind, String id, String reason, String origin) {

  /** The LISTEN/NOTIFY channel. */
  public static final String CHANNEL = "gatehouse_terminate";

  /** This server's id in messages, new at every start. */
  public static final String THIS_SERVER = UUID.randomUUID().toString();

  /** PostgreSQL refuses payloads of 8000 bytes or more; the reason is cut to stay well below. */
  static final int MAX_REASON_BYTES = 4000;

  public enum Kind {
    SESSION,
    GRANT,
    /** Not an end: the sessions under the grant are told it ends soon. */
    GRANT_WARNING
  }

  public TerminationMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    reason = truncate(reason == null ? "" : reason);
    Objects.requireNonNull(origin, "origin");
  }

  /** A message from this server. */
  public static TerminationMessage of(Kind kind, String id, String reason) {
    return new TerminationMessage(kind, id, reason, THIS_SERVER);
  }

  public boolean fromThisServer() {
    return THIS_SERVER.equals(origin);
  }

  public String toJson() {
    return Json.createObjectBuilder()
        .add("v", 1)
        .add("kind", kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .add("id", id)
        .add("reason", reason)
        .add("origin", origin)
        .build()
        .toString();
  }

  /** Parses a payload; empty when it is not a message of this format (never throws). */
  public static Optional<TerminationMessage> parse(String payload) {
    if (payload == null || payload.isBlank()) {
      return Optional.empty();
    }
    try (JsonReader reader = Json.createReader(new StringReader(payload))) {
      JsonObject json = reader.readObject();
      if (json.getInt("v", 0) != 1) {
        return Optional.empty();
      }
      Kind kind =
          switch (json.getString("kind", "")) {
            case "session" -> Kind.SESSION;
            case "grant" -> Kind.GRANT;
            case "grant-warning" -> Kind.GRANT_WARNING;
            default -> null;
          };
      String id = json.getString("id", null);
      String origin = json.getString("origin", null);
      if (kind == null || id == null || id.isBlank() || origin == null) {
        return Optional.empty();
      }
      return Optional.of(new TerminationMessage(kind, id, json.getString("reason", ""), origin));
    } catch (JsonException | ClassCastException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static String truncate(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = reason.length();
    while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length
        > MAX_REASON_BYTES - 3) {
      end = Math.max(0, end - Math.max(1, (end / 8)));
    }
    if (end > 0 && Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--;
    }
    return reason.substring(0, end) + "...";
  }
}
