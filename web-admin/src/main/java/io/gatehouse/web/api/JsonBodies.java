package io.gatehouse.web.api;

import io.gatehouse.control.application.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Request bodies parsed here, so that malformed JSON is a 400 problem like any other. */
public final class JsonBodies {

  private JsonBodies() {}

  public static JsonValue parse(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidRequestException("A JSON request body is required", "", "is required");
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readValue();
    } catch (JsonException e) {
      throw new InvalidRequestException(
          "The request body is not valid JSON", "", "not valid JSON: " + e.getMessage());
    }
  }
}
