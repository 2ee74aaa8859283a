package it.io.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Assertions on application/problem+json answers. */
final class Problems {

  private Problems() {}

  /** Asserts a problem with {@code status}; returns its body. */
  static JsonObject assertProblem(HttpResponse<String> response, int status, String what) {
    assertEquals(status, response.statusCode(), what + ": status; body " + response.body());
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"),
        what + ": problem+json, got " + response.headers().firstValue("Content-Type"));
    JsonObject problem = ApiClient.object(response);
    assertEquals(status, problem.getInt("status"), what + ": status in the body");
    return problem;
  }

  /** Asserts a 400 whose errors name {@code field} with a message containing {@code message}. */
  static void assertFieldError(
      HttpResponse<String> response, String field, String message, String what) {
    JsonObject problem = assertProblem(response, 400, what);
    assertTrue(
        problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .anyMatch(
                e ->
                    e.getString("field").equals(field) && e.getString("message").contains(message)),
        what + ": expected error at " + field + " containing '" + message + "' in " + problem);
  }
}
