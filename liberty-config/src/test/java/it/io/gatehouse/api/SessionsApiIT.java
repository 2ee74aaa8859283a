package it.io.gatehouse.api;

import static it.io.gatehouse.api.Problems.assertFieldError;
import static it.io.gatehouse.api.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SessionsApiIT {

  @Test
  void listsAndFilters() {
    ApiClient auditor = ApiClient.as("it-auditor", "gatehouse-auditor");

    HttpResponse<String> all = auditor.get("/sessions");
    assertEquals(200, all.statusCode(), "list: " + all.body());
    HttpResponse<String> filtered =
        auditor.get("/sessions?identity=nobody&connection=none&status=active&limit=5");
    assertEquals(200, filtered.statusCode(), "filtered: " + filtered.body());
    assertEquals(0, ApiClient.array(filtered).size(), "no such sessions");
  }

  @Test
  void badFiltersAndUnknownIds() {
    ApiClient auditor = ApiClient.as("it-auditor", "gatehouse-auditor");

    assertFieldError(auditor.get("/sessions?status=sleeping"), "status", "active", "status");
    assertFieldError(auditor.get("/sessions?limit=0"), "limit", "1-1000", "limit");
    assertProblem(auditor.get("/sessions/00000000-0000-0000-0000-000000000000"), 404, "session");
    assertProblem(
        auditor.get("/sessions/00000000-0000-0000-0000-000000000000/events"), 404, "events");
  }

  @Test
  void plainGroupsCannotRead() {
    assertEquals(
        403, ApiClient.as("it-dev", "developers").get("/sessions").statusCode(), "forbidden");
  }
}
