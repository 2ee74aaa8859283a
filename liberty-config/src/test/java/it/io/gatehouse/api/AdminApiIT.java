package it.io.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AdminApiIT {

  @Test
  void resealReportsTheCurrentKey() {
    ApiClient admin = ApiClient.as("it-admin", "gatehouse-admin");

    HttpResponse<String> response = admin.post("/admin/credential-keys/reseal", "{}");

    assertEquals(200, response.statusCode(), "reseal: " + response.body());
    JsonObject result = ApiClient.object(response);
    assertEquals("dev", result.getString("currentKeyId"), "dev mode's generated key");
    assertEquals(0, result.getInt("failed"), "every credential opens");
    assertEquals(
        403,
        ApiClient.as("it-auditor", "gatehouse-auditor")
            .post("/admin/credential-keys/reseal", "{}")
            .statusCode(),
        "admins only");
  }

  @Test
  void openApiDescribesTheControlPlane() throws Exception {
    String url =
        "http://localhost:" + System.getProperty("it.http.port", "9080") + "/openapi?format=JSON";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode(), "openapi served");
    JsonObject doc = (JsonObject) ApiClient.parse(response.body());
    JsonObject paths = doc.getJsonObject("paths");
    for (String path :
        new String[] {
          "/api/v1/connections",
          "/api/v1/connections/{name}",
          "/api/v1/policies/{name}",
          "/api/v1/sessions/{id}/events",
          "/api/v1/admin/credential-keys/reseal",
          "/api/v1/identities/me/keys",
          "/api/v1/identities/keys"
        }) {
      assertTrue(paths.containsKey(path), "path " + path + " in " + paths.keySet());
    }
    JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
    for (String schema :
        new String[] {"Connection", "ConnectionRequest", "Policy", "Session", "Problem"}) {
      assertTrue(schemas.containsKey(schema), "schema " + schema + " in " + schemas.keySet());
    }
    assertTrue(
        schemas.getJsonObject("Connection").getJsonObject("properties").containsKey("credential"),
        "Connection schema has its properties: " + schemas.getJsonObject("Connection"));
    assertTrue(
        schemas.getJsonObject("Session").getJsonObject("properties").containsKey("identity"),
        "Session schema has its properties: " + schemas.getJsonObject("Session"));
    assertTrue(
        schemas.getJsonObject("Problem").getJsonObject("properties").containsKey("errors"),
        "Problem schema has its properties: " + schemas.getJsonObject("Problem"));
  }
}
