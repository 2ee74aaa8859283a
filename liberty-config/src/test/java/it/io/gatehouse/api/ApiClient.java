package it.io.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** A small client for the REST API of the server started for the integration tests. */
final class ApiClient {

  static final String BASE =
      "http://localhost:" + System.getProperty("it.http.port", "9080") + "/api/v1";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String token;

  private ApiClient(String token) {
    this.token = token;
  }

  /** A client whose dev-mode token carries {@code groups}. */
  static ApiClient as(String subject, String... groups) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("subject", subject)
            .add("groups", Json.createArrayBuilder(List.of(groups)))
            .build();
    HttpResponse<String> response = new ApiClient(null).send("POST", "/dev/token", body.toString());
    assertEquals(200, response.statusCode(), "dev token minted: " + response.body());
    return new ApiClient(object(response).getString("token"));
  }

  /** The access token, to present as a data-plane password. */
  String token() {
    return token;
  }

  static ApiClient anonymous() {
    return new ApiClient(null);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  HttpResponse<String> get(String path) {
    return send("GET", path, null);
  }

  HttpResponse<String> post(String path, String json) {
    return send("POST", path, json);
  }

  HttpResponse<String> put(String path, String json) {
    return send("PUT", path, json);
  }

  HttpResponse<String> delete(String path) {
    return send("DELETE", path, null);
  }

  HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(BASE + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static JsonObject object(HttpResponse<String> response) {
    return (JsonObject) parse(response.body());
  }

  static JsonArray array(HttpResponse<String> response) {
    return (JsonArray) parse(response.body());
  }

  static JsonStructure parse(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.read();
    }
  }
}
