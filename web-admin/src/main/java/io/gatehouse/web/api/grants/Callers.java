package io.gatehouse.web.api.grants;

import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.web.api.JsonBodies;
import io.gatehouse.web.api.problem.Problem;
import io.gatehouse.web.api.problem.ProblemException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The verified caller of a request, and the small bodies grant and review calls carry. */
public final class Callers {

  private Callers() {}

  /** The token's subject and groups; 401 without a valid token. */
  public static Caller of(JsonWebToken jwt) {
    if (jwt == null || jwt.getName() == null) {
      throw new ProblemException(
          Problem.of(Response.Status.UNAUTHORIZED, "A valid Bearer access token is required"));
    }
    Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    return new Caller(jwt.getName(), groups);
  }

  /** A body's JSON object. */
  public static JsonObject object(String body) {
    JsonValue value = JsonBodies.parse(body);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidRequestException("The body must be a JSON object", "", "not an object");
    }
    return value.asJsonObject();
  }

  /** A body's JSON object, refusing fields other than {@code allowed}. */
  public static JsonObject object(String body, Set<String> allowed) {
    JsonObject json = object(body);
    for (String field : json.keySet()) {
      if (!allowed.contains(field)) {
        throw new InvalidRequestException("Unknown field " + field, "/" + field, "unknown field");
      }
    }
    return json;
  }

  /** The whole number field {@code name} of a body; null when absent and not {@code required}. */
  public static Long wholeNumber(JsonObject body, String name, boolean required) {
    JsonValue value = body.get(name);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
      throw new InvalidRequestException(
          "Invalid " + name, "/" + name, "must be a whole number of seconds");
    }
    return number.longValue();
  }

  /** The required string field {@code name} of a body. */
  public static String string(JsonObject body, String name) {
    JsonValue value = body.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      throw new InvalidRequestException("Missing " + name, "/" + name, "is required");
    }
    if (!(value instanceof JsonString text)) {
      throw new InvalidRequestException("Invalid " + name, "/" + name, "must be a string");
    }
    return text.getString();
  }

  /** The {@code reason} of a decision body. */
  public static String reason(String body) {
    return string(object(body), "reason");
  }
}
