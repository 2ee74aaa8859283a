package it.io.gatehouse.api;

import static it.io.gatehouse.api.Problems.assertFieldError;
import static it.io.gatehouse.api.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoliciesApiIT {

  static ApiClient admin;

  @BeforeAll
  static void token() {
    admin = ApiClient.as("it-admin", "gatehouse-admin");
  }

  static String policy(String name) {
    return """
        {"name":"%s","description":"IT policy","rules":[
          {"id":"no-drop","action":"block","when":{"sql":{"kinds":["DROP","TRUNCATE"]}},
           "message":"no"}],
         "masking":{"rules":[{"id":"emails","columns":["*.email"],"strategy":"hash"}]}}
        """
        .formatted(name);
  }

  @Test
  void createReadReplaceDelete() {
    String name = ApiClient.unique("pol");

    HttpResponse<String> created = admin.put("/policies/" + name, policy(name));
    assertEquals(201, created.statusCode(), "created: " + created.body());
    JsonObject canonical = ApiClient.object(created);
    assertEquals("strict", canonical.getString("recording"), "defaults written out");
    assertEquals(1, canonical.getJsonObject("review").getInt("minApprovals"), "review defaults");

    HttpResponse<String> read = admin.get("/policies/" + name);
    assertEquals(200, read.statusCode(), "read");
    assertEquals(canonical, ApiClient.object(read), "reads back the canonical document");
    assertTrue(read.headers().firstValue("ETag").isPresent(), "ETag carries the version");

    HttpResponse<String> replaced =
        admin.put("/policies/" + name, policy(name).replace("IT policy", "changed"));
    assertEquals(200, replaced.statusCode(), "replaced: " + replaced.body());
    assertEquals("changed", ApiClient.object(replaced).getString("description"), "new text");

    HttpResponse<String> list = admin.get("/policies");
    assertEquals(200, list.statusCode(), "list");
    assertTrue(list.body().contains("\"" + name + "\""), "listed: " + list.body());

    assertEquals(204, admin.delete("/policies/" + name).statusCode(), "deleted");
    assertProblem(admin.get("/policies/" + name), 404, "gone");
  }

  @Test
  void invalidPolicyListsEveryProblemByPointer() {
    String name = ApiClient.unique("bad");
    String json =
        "{\"name\":\""
            + name
            + "\",\"defaultAction\":\"deny\",\"rules\":[{\"id\":\"r\",\"action\":\"block\","
            + "\"when\":{\"sql\":{\"kinds\":[\"DROPP\"]}}},{\"id\":\"r\",\"action\":\"block\","
            + "\"when\":{}}],\"review\":{\"minApprovals\":9},\"recordng\":\"strict\"}";

    HttpResponse<String> response = admin.put("/policies/" + name, json);

    assertFieldError(response, "/defaultAction", "allow, block, review", "enum");
    assertFieldError(response, "/rules/0/when/sql/kinds/0", "'DROPP'", "statement kind");
    assertFieldError(response, "/rules/1/id", "duplicate", "duplicate id");
    assertFieldError(response, "/rules/1/when", "at least one", "empty when");
    assertFieldError(response, "/review/minApprovals", "1-5", "range");
    assertFieldError(response, "/recordng", "unknown field", "typo");
    assertProblem(admin.get("/policies/" + name), 404, "nothing stored");
  }

  @Test
  void nameMustMatchTheUrl() {
    String name = ApiClient.unique("pol");

    assertFieldError(
        admin.put("/policies/" + name, policy("other")), "/name", "name in the URL", "mismatch");
  }

  @Test
  void referencedPolicyCannotBeDeleted() {
    String policy = ApiClient.unique("used");
    String connection = ApiClient.unique("conn");
    assertEquals(201, admin.put("/policies/" + policy, policy(policy)).statusCode(), "policy");
    String json =
        "{\"name\":\""
            + connection
            + "\",\"type\":\"ssh\",\"target\":{\"host\":\"h\"},"
            + "\"credential\":{\"username\":\"u\",\"password\":\"pw\"},\"policy\":\""
            + policy
            + "\"}";
    HttpResponse<String> created = admin.post("/connections", json);
    assertEquals(201, created.statusCode(), "connection: " + created.body());
    assertEquals(policy, ApiClient.object(created).getString("policy"), "refers to the policy");

    JsonObject problem = assertProblem(admin.delete("/policies/" + policy), 409, "in use");
    assertTrue(problem.getString("detail").contains(policy), "names the policy: " + problem);
    assertEquals(200, admin.get("/policies/" + policy).statusCode(), "still there");

    assertEquals(204, admin.delete("/connections/" + connection).statusCode(), "drop the user");
    assertEquals(204, admin.delete("/policies/" + policy).statusCode(), "now deletable");
  }

  @Test
  void writesNeedTheAdminRole() {
    ApiClient auditor = ApiClient.as("it-auditor", "gatehouse-auditor");
    String name = ApiClient.unique("pol");

    assertEquals(403, auditor.put("/policies/" + name, policy(name)).statusCode(), "auditor");
    assertEquals(200, auditor.get("/policies").statusCode(), "auditor reads");
  }
}
