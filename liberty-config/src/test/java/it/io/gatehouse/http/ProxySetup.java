package it.io.gatehouse.http;

import static it.io.gatehouse.support.Gateway.authorized;
import static it.io.gatehouse.support.Gateway.get;
import static it.io.gatehouse.support.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Registers proxy connections and policies through the API, and reads their recordings. */
final class ProxySetup {

  private ProxySetup() {}

  static void policy(String admin, String name, String json) {
    HttpResponse<String> policy =
        send(
            authorized("/api/v1/policies/" + name, admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    assertTrue(policy.statusCode() / 100 == 2, "policy stored: " + policy.body());
  }

  static void connection(String admin, String name, String json) {
    send(authorized("/api/v1/connections/" + name, admin).DELETE());
    HttpResponse<String> created =
        send(
            authorized("/api/v1/connections", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    assertEquals(201, created.statusCode(), "connection registered: " + created.body());
  }

  /** Every recorded event of the connection's sessions, each with its session. */
  static List<JsonObject> events(String admin, String connection) {
    HttpResponse<String> list =
        get("/api/v1/sessions?connection=" + connection + "&limit=500", admin);
    assertEquals(200, list.statusCode(), "sessions list: " + list.body());
    List<JsonObject> events = new ArrayList<>();
    for (JsonObject session : array(list.body()).getValuesAs(JsonObject.class)) {
      HttpResponse<String> e =
          get("/api/v1/sessions/" + session.getString("id") + "/events", admin);
      assertEquals(200, e.statusCode(), "events: " + e.body());
      for (JsonObject event : array(e.body()).getValuesAs(JsonObject.class)) {
        events.add(Json.createObjectBuilder(event).add("session", session).build());
      }
    }
    return events;
  }

  static JsonArray array(String body) {
    return Json.createReader(new StringReader(body)).readArray();
  }
}
