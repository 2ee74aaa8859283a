package it.io.gatehouse.security;

import static it.io.gatehouse.support.Gateway.BASE;
import static it.io.gatehouse.support.Gateway.devToken;
import static it.io.gatehouse.support.Gateway.get;
import static it.io.gatehouse.support.Gateway.json;
import static it.io.gatehouse.support.Gateway.request;
import static it.io.gatehouse.support.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Dev mode: tokens minted on loopback work end to end; bad requests are precise. */
class DevTokenIT {

  @Test
  void mintedTokenIdentifiesTheCaller() {
    HttpResponse<String> response = get("/api/v1/whoami", devToken("alice", "dba", "ops"));
    assertEquals(200, response.statusCode(), "whoami with a fresh dev token: " + response.body());
    JsonObject caller = json(response.body());
    assertEquals("alice", caller.getString("name"), "principal name");
    assertEquals(2, caller.getJsonArray("groups").size(), "both groups present");
  }

  @Test
  void plainTextTokenForShellUse() {
    HttpResponse<String> response =
        send(
            request("/api/v1/dev/token")
                .header("Content-Type", "application/json")
                .header("Accept", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"alice\"}")));
    assertEquals(200, response.statusCode(), "text/plain mint: " + response.body());
    assertEquals(3, response.body().split("\\.").length, "a compact JWS, nothing around it");
  }

  @Test
  void invalidSubjectIsAProblemNamingTheField() {
    HttpResponse<String> response =
        send(
            request("/api/v1/dev/token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"a b\"}")));
    assertEquals(400, response.statusCode(), "space in subject");
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"),
        "problem+json content type");
    assertEquals(
        "subject",
        json(response.body()).getJsonArray("errors").getJsonObject(0).getString("field"),
        "the field at fault is named");
  }

  @Test
  void malformedJsonIsAProblem() {
    HttpResponse<String> response =
        send(
            request("/api/v1/dev/token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":")));
    assertEquals(400, response.statusCode(), "truncated JSON body: " + response.body());
  }

  @Test
  void readinessIsUpOnTheStore() {
    HttpResponse<String> response = send(request("/health/ready").GET());
    assertEquals(200, response.statusCode(), "ready once the store answers: " + response.body());
    assertTrue(response.body().contains("\"store\""), "the store check is reported");
  }

  @Test
  void openApiDescribesTheApi() {
    HttpResponse<String> response = send(request("/openapi").GET());
    assertEquals(200, response.statusCode(), "OpenAPI document at " + BASE + "/openapi");
    assertTrue(response.body().contains("/api/v1/dev/token"), "lists the dev token endpoint");
  }

  @Test
  void metricsAreExposed() {
    HttpResponse<String> response = send(request("/metrics").GET());
    assertEquals(200, response.statusCode(), "MicroProfile Metrics endpoint");
  }
}
