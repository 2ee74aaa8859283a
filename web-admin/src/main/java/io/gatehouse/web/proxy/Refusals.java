package io.gatehouse.web.proxy;

import io.gatehouse.http.HeaderList;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes the gateway's own error answers in the caller's language: a Kubernetes {@code Status}
 * object for Kubernetes clients (kubectl prints {@code Error from server (Forbidden): <message>}),
 * RFC 9457 {@code application/problem+json} for everything else.
 */
final class Refusals {

  private Refusals() {}

  static void write(
      ProxyExchange exchange, int status, String message, String ruleId, boolean kubernetes)
      throws IOException {
    HeaderList headers = new HeaderList();
    headers.add("Content-Type", kubernetes ? "application/json" : "application/problem+json");
    headers.add("Cache-Control", "no-store");
    try (OutputStream out = exchange.respond(status, headers, true);
        JsonGenerator json = Json.createGeneratorFactory(Map.of()).createGenerator(out)) {
      json.writeStartObject();
      if (kubernetes) {
        json.write("kind", "Status")
            .write("apiVersion", "v1")
            .writeStartObject("metadata")
            .writeEnd()
            .write("status", "Failure")
            .write("message", message)
            .write("reason", reason(status))
            .write("code", status);
      } else {
        json.write("type", "about:blank")
            .write("title", title(status))
            .write("status", status)
            .write("detail", message);
        if (ruleId != null) {
          json.write("rule", ruleId);
        }
      }
      json.writeEnd();
    }
  }

  /** The Kubernetes {@code StatusReason} kubectl shows in parentheses. */
  static String reason(int status) {
    return switch (status) {
      case 400, 431 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 501 -> "MethodNotAllowed";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "InternalError";
    };
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error";
    };
  }
}
