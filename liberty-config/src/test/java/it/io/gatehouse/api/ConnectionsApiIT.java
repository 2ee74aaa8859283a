package it.io.gatehouse.api;

import static it.io.gatehouse.api.Problems.assertFieldError;
import static it.io.gatehouse.api.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectionsApiIT {

  static final String SECRET = "Sup3r-S3cret-" + System.nanoTime();
  static final String NEW_SECRET = "An0ther-S3cret-" + System.nanoTime();
  static final List<HttpResponse<String>> RESPONSES = new ArrayList<>();

  static ApiClient admin;

  @BeforeAll
  static void token() {
    admin = ApiClient.as("it-admin", "gatehouse-admin");
  }

  static String postgres(String name, String password) {
    return """
        {"name":"%s","type":"postgres",
         "target":{"host":"127.0.0.1","port":5432,"database":"orders"},
         "tls":{"mode":"disable"},
         "credential":{"username":"app"%s},
         "accessGroups":["dba","ops"]}
        """
        .formatted(name, password == null ? "" : ",\"password\":\"" + password + "\"");
  }

  static HttpResponse<String> keep(HttpResponse<String> response) {
    RESPONSES.add(response);
    return response;
  }

  @Test
  void createReadReplaceDelete() {
    String name = ApiClient.unique("orders");

    HttpResponse<String> created = keep(admin.post("/connections", postgres(name, SECRET)));
    assertEquals(201, created.statusCode(), "created: " + created.body());
    assertTrue(
        created.headers().firstValue("Location").orElse("").endsWith("/connections/" + name),
        "Location names the connection");
    JsonObject body = ApiClient.object(created);
    assertEquals("postgres", body.getString("type"), "type");
    assertEquals(5432, body.getJsonObject("target").getInt("port"), "port");
    JsonObject credential = body.getJsonObject("credential");
    assertEquals("app", credential.getString("username"), "username returned");
    assertTrue(credential.getBoolean("secretSet"), "secretSet");
    assertEquals(1, credential.getInt("version"), "first credential version");
    assertFalse(credential.containsKey("password"), "no password field");

    HttpResponse<String> read = keep(admin.get("/connections/" + name));
    assertEquals(200, read.statusCode(), "read: " + read.body());
    assertEquals(
        List.of("dba", "ops"),
        ApiClient.object(read)
            .getJsonArray("accessGroups")
            .getValuesAs(jakarta.json.JsonString.class)
            .stream()
            .map(s -> s.getString())
            .toList(),
        "groups");

    HttpResponse<String> list = keep(admin.get("/connections"));
    assertEquals(200, list.statusCode(), "list");
    assertTrue(list.body().contains("\"" + name + "\""), "listed");

    HttpResponse<String> sameSecret = keep(admin.put("/connections/" + name, postgres(name, null)));
    assertEquals(200, sameSecret.statusCode(), "replace without secret: " + sameSecret.body());
    assertEquals(
        1,
        ApiClient.object(sameSecret).getJsonObject("credential").getInt("version"),
        "secret kept, version unchanged");

    HttpResponse<String> newSecret =
        keep(admin.put("/connections/" + name, postgres(name, NEW_SECRET)));
    assertEquals(200, newSecret.statusCode(), "replace with secret: " + newSecret.body());
    assertEquals(
        2,
        ApiClient.object(newSecret).getJsonObject("credential").getInt("version"),
        "new secret, new version");

    assertEquals(204, admin.delete("/connections/" + name).statusCode(), "deleted");
    assertProblem(admin.get("/connections/" + name), 404, "gone after delete");
  }

  @Test
  void duplicateNameIsAConflict() {
    String name = ApiClient.unique("dup");
    assertEquals(
        201, keep(admin.post("/connections", postgres(name, SECRET))).statusCode(), "first");

    assertProblem(keep(admin.post("/connections", postgres(name, SECRET))), 409, "second");
    admin.delete("/connections/" + name);
  }

  @Test
  void unknownConnectionIsNotFound() {
    assertProblem(admin.get("/connections/no-such-connection"), 404, "GET");
    assertProblem(
        admin.put("/connections/no-such-connection", postgres("no-such-connection", null)),
        404,
        "PUT");
    assertProblem(admin.delete("/connections/no-such-connection"), 404, "DELETE");
  }

  static Stream<Arguments> badRequests() {
    String ok =
        "\"target\":{\"host\":\"h\",\"port\":5432,\"database\":\"d\"},"
            + "\"credential\":{\"username\":\"u\",\"password\":\""
            + SECRET
            + "\"}";
    return Stream.of(
        Arguments.of(
            "{\"name\":\"p\",\"type\":\"postgres\",\"target\":{\"host\":\"h\",\"port\":70000,\"database\":\"d\"},\"credential\":{\"username\":\"u\",\"password\":\"x\"}}",
            "/target/port",
            "1-65535"),
        Arguments.of("{\"name\":\"p\",\"type\":\"mysql\"," + ok + "}", "/type", "postgres"),
        Arguments.of("{\"name\":\"Bad Name\",\"type\":\"postgres\"," + ok + "}", "/name", "a-z"),
        Arguments.of("{\"type\":\"postgres\"," + ok + "}", "/name", "is required"),
        Arguments.of(
            "{\"name\":\"p\",\"type\":\"postgres\",\"target\":{\"host\":\"h\"},\"credential\":{\"username\":\"u\",\"password\":\"x\"}}",
            "/target/database",
            "required"),
        Arguments.of(
            "{\"name\":\"p\",\"type\":\"http\",\"target\":{\"host\":\"h\"},\"credential\":{\"token\":\"x\"}}",
            "/target/url",
            "required"),
        Arguments.of(
            "{\"name\":\"p\",\"type\":\"postgres\"," + ok + ",\"colour\":\"red\"}",
            "/colour",
            "unknown field"),
        Arguments.of(
            "{\"name\":\"p\",\"type\":\"postgres\"," + ok + ",\"tls\":{\"mode\":\"maybe\"}}",
            "/tls/mode",
            "verify-full"),
        Arguments.of(
            "{\"name\":\"p\",\"type\":\"postgres\"," + ok + ",\"policy\":\"no-such-policy\"}",
            "/policy",
            "no policy named"),
        Arguments.of(
            "{\"name\":\"p\",\"type\":\"postgres\",\"target\":{\"host\":\"h\",\"database\":\"d\"},\"credential\":{\"username\":\"u\"}}",
            "/credential",
            "secret is required"),
        Arguments.of(
            "{\"name\":\"p\",\"type\":\"postgres\",\"target\":{\"host\":\"h\",\"database\":\"d\"},\"credential\":{\"username\":\"u\",\"password\":\"a\",\"token\":\"b\"}}",
            "/credential",
            "one secret"),
        Arguments.of(
            "{\"name\":\"p\",\"type\":\"ssh\",\"target\":{\"host\":\"h\"},\"hostKey\":\"nope\",\"credential\":{\"username\":\"u\",\"password\":\"x\"}}",
            "/hostKey",
            "OpenSSH"),
        Arguments.of("{\"name\":", "", "not valid JSON"));
  }

  @ParameterizedTest(name = "{index}: {1} {2}")
  @MethodSource("badRequests")
  void badRequestNamesTheField(String json, String field, String message) {
    HttpResponse<String> response = keep(admin.post("/connections", json));

    assertFieldError(response, field, message, json);
    assertFalse(response.body().contains(SECRET), "the secret is not echoed");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    String json =
        "{\"name\":\"Bad\",\"type\":\"postgres\",\"target\":{\"host\":\"h\",\"port\":0,\"database\":\"d\"},\"credential\":{\"username\":\"u\",\"password\":\"x\"},\"accessGroups\":[\"\"]}";
    HttpResponse<String> response = admin.post("/connections", json);

    assertFieldError(response, "/name", "a-z", "name");
    assertFieldError(response, "/target/port", "1-65535", "port");
    assertFieldError(response, "/accessGroups/0", "group name", "group");
  }

  @Test
  void nothingIsSavedFromABadRequest() {
    String name = ApiClient.unique("half");
    String json =
        postgres(name, SECRET)
            .replace("\"accessGroups\"", "\"policy\":\"no-such-policy\",\"accessGroups\"");

    assertFieldError(admin.post("/connections", json), "/policy", "no policy", "bad policy");
    assertProblem(admin.get("/connections/" + name), 404, "not half-saved");
  }

  @Test
  void writesNeedTheAdminRole() {
    ApiClient auditor = ApiClient.as("it-auditor", "gatehouse-auditor");
    ApiClient nobody = ApiClient.as("it-dev", "developers");
    String name = ApiClient.unique("roles");

    assertEquals(
        403,
        auditor.post("/connections", postgres(name, SECRET)).statusCode(),
        "auditor cannot create");
    assertEquals(403, nobody.get("/connections").statusCode(), "a plain group cannot read");
    assertEquals(200, auditor.get("/connections").statusCode(), "auditor can read");
    assertEquals(401, ApiClient.anonymous().get("/connections").statusCode(), "no token");
  }

  @AfterAll
  static void secretNeverAppears() {
    assertFalse(RESPONSES.isEmpty(), "responses were kept");
    for (HttpResponse<String> response : RESPONSES) {
      assertFalse(response.body().contains(SECRET), "secret in " + response.uri());
      assertFalse(response.body().contains(NEW_SECRET), "new secret in " + response.uri());
    }
  }
}
