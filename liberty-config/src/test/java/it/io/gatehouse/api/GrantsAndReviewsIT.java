package it.io.gatehouse.api;

import static it.io.gatehouse.api.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grants and reviews end to end: a real PostgreSQL target behind the gateway's listener, JDBC
 * clients, and the REST API deciding while the clients wait.
 */
class GrantsAndReviewsIT {

  static final int GATEWAY_PG_PORT = Integer.getInteger("it.pg.port", 15432);
  static final Path SCRIPT = Path.of("../scripts/pg-test-cluster.sh").toAbsolutePath();
  static Path clusterDir;
  static int targetPort;
  static String connection;
  static String table;

  static final ApiClient ADMIN = ApiClient.as("it-admin", "gatehouse-admin");
  static final ApiClient BOB = ApiClient.as("it-bob", "gatehouse-reviewer");

  @BeforeAll
  static void targetAndConnection() throws Exception {
    // A fresh cluster each run: the script keeps a cluster's port in its directory.
    clusterDir = Files.createTempDirectory(Path.of("target"), "pg-grants-it");
    try (ServerSocket socket = new ServerSocket(0)) {
      targetPort = socket.getLocalPort();
    }
    run("start");
    table = "orders_" + ApiClient.unique("t").substring(2).replace('-', '_');
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + targetPort + "/gatehouse_test",
                "gh_admin",
                "gh_admin_pw");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id int primary key, note text)");
      s.execute("INSERT INTO " + table + " SELECT g, 'n' || g FROM generate_series(1, 10) g");
    }
    String policy = ApiClient.unique("it-review");
    HttpResponse<String> put =
        ADMIN.put(
            "/policies/" + policy,
            "{\"name\":\""
                + policy
                + "\",\"defaultAction\":\"allow\",\"rules\":[{\"id\":\"review-deletes\","
                + "\"action\":\"review\",\"when\":{\"sql\":{\"kinds\":[\"DELETE\"]}}},"
                + "{\"id\":\"no-drop\",\"action\":\"block\","
                + "\"when\":{\"sql\":{\"kinds\":[\"DROP\"]}}}],"
                + "\"review\":{\"approverGroups\":[\"gatehouse-reviewer\"],\"minApprovals\":1,"
                + "\"timeoutSeconds\":30,\"approvalWindowSeconds\":300}}");
    assertTrue(put.statusCode() == 201 || put.statusCode() == 200, "policy: " + put.body());
    connection = ApiClient.unique("it-orders");
    HttpResponse<String> created =
        ADMIN.post(
            "/connections",
            "{\"name\":\""
                + connection
                + "\",\"type\":\"postgres\",\"target\":{\"host\":\"127.0.0.1\",\"port\":"
                + targetPort
                + ",\"database\":\"gatehouse_test\"},\"tls\":{\"mode\":\"disable\"},"
                + "\"credential\":{\"username\":\"gh_admin\",\"password\":\"gh_admin_pw\"},"
                + "\"accessGroups\":[\"it-dba\"],\"policy\":\""
                + policy
                + "\"}");
    assertEquals(201, created.statusCode(), "connection: " + created.body());
  }

  @AfterAll
  static void stopTarget() throws Exception {
    if (clusterDir != null) {
      run("stop");
    }
  }

  @Test
  void grantLifecycleEndsTheSessionAtExpiry() throws Exception {
    ApiClient alice = ApiClient.as("it-alice", "it-dev", "gatehouse-reviewer");
    SQLException refused = assertThrows(SQLException.class, () -> connect(alice).close());
    assertTrue(
        refused.getMessage().contains("grant"), "refused without a grant: " + refused.getMessage());

    JsonObject grant = requestGrant(alice, 6);
    String id = grant.getString("id");
    assertEquals("pending", grant.getString("status"), "new grant is pending");
    assertProblem(
        alice.post("/grants/" + id + "/approve", "{\"reason\":\"mine\"}"), 403, "self-approval");
    assertProblem(BOB.post("/grants/" + id + "/approve", "{}"), 400, "reason required");
    HttpResponse<String> approved =
        BOB.post("/grants/" + id + "/approve", "{\"reason\":\"on call\"}");
    assertEquals(200, approved.statusCode(), "approved: " + approved.body());
    JsonObject active = ApiClient.object(approved);
    assertEquals("active", active.getString("status"), "active after one approval");
    assertEquals(
        "on call",
        active.getJsonArray("approvals").getJsonObject(0).getString("reason"),
        "the approval's reason is recorded");

    assertTrue(active.getInt("secondsLeft") <= 6, "secondsLeft: " + active);
    assertTrue(active.containsKey("expiresAt"), "expiresAt: " + active);
    try (Connection c = connect(alice);
        Statement s = c.createStatement()) {
      assertTrue(s.execute("SELECT count(*) FROM " + table), "runs under the grant");
      // Half of a 6 s grant in the ITs (gatehouse.grant.warning.fraction=0.5): warned at ~3 s.
      List<String> warnings = new ArrayList<>();
      SQLException ended = awaitTermination(s, Duration.ofSeconds(30), warnings, alice, id);
      assertTrue(
          ended.getMessage().contains("expired"), "FATAL names the expiry: " + ended.getMessage());
      assertTrue(
          warnings.stream()
              .anyMatch(w -> w.contains("access grant " + id) && w.contains("expires at")),
          "a WARNING notice came before the FATAL: " + warnings);
      assertTrue(
          warnings.stream().anyMatch(w -> w.startsWith("soon ")),
          "the API said expiringSoon while the warning stood: " + warnings);
    }
    awaitGrantStatus(alice, id, "expired");
  }

  @Test
  void twoReviewersApprovingAtOnceAreCountedExactlyOnce() throws Exception {
    String policy = ApiClient.unique("it-two-approvals");
    HttpResponse<String> put =
        ADMIN.put(
            "/policies/" + policy,
            "{\"name\":\""
                + policy
                + "\",\"review\":{\"approverGroups\":[\"gatehouse-reviewer\"],"
                + "\"minApprovals\":2}}");
    assertTrue(put.statusCode() == 201 || put.statusCode() == 200, "policy: " + put.body());
    String twoApprovals = ApiClient.unique("it-two");
    HttpResponse<String> created =
        ADMIN.post(
            "/connections",
            "{\"name\":\""
                + twoApprovals
                + "\",\"type\":\"postgres\",\"target\":{\"host\":\"127.0.0.1\",\"port\":"
                + targetPort
                + ",\"database\":\"gatehouse_test\"},\"tls\":{\"mode\":\"disable\"},"
                + "\"credential\":{\"username\":\"gh_admin\",\"password\":\"gh_admin_pw\"},"
                + "\"accessGroups\":[\"it-dev\"],\"policy\":\""
                + policy
                + "\"}");
    assertEquals(201, created.statusCode(), "connection: " + created.body());
    ApiClient erin = ApiClient.as("it-erin", "gatehouse-reviewer");
    ApiClient frank = ApiClient.as("it-frank", "it-dev");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      int bothSucceeded = 0;
      for (int round = 0; round < 6; round++) {
        HttpResponse<String> requested =
            frank.post(
                "/grants",
                "{\"connection\":\""
                    + twoApprovals
                    + "\",\"durationSeconds\":600,\"reason\":\"race "
                    + round
                    + "\"}");
        assertEquals(201, requested.statusCode(), "requested: " + requested.body());
        String id = ApiClient.object(requested).getString("id");
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (ApiClient reviewer : List.of(BOB, erin)) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return reviewer.post(
                        "/grants/" + id + "/approve", "{\"reason\":\"concurrent\"}");
                  }));
        }
        int ok = 0;
        for (Future<HttpResponse<String>> answer : answers) {
          HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
          if (response.statusCode() == 200) {
            ok++;
          } else {
            assertProblem(response, 409, "the losing approval is a clean conflict");
          }
        }
        JsonObject grant = ApiClient.object(frank.get("/grants/" + id));
        assertTrue(ok >= 1, "at least one approval wins: " + grant);
        assertEquals(
            ok,
            grant.getJsonArray("approvals").size(),
            "every 200 is one recorded approval, and nothing else is: " + grant);
        assertEquals(
            ok == 2 ? "active" : "pending", grant.getString("status"), "status follows the count");
        if (ok == 2) {
          bothSucceeded++;
        } else {
          // The one that lost can simply approve again.
          ApiClient loser =
              grant.getJsonArray("approvals").getJsonObject(0).getString("by").equals("it-bob")
                  ? erin
                  : BOB;
          HttpResponse<String> again =
              loser.post("/grants/" + id + "/approve", "{\"reason\":\"again\"}");
          assertEquals(200, again.statusCode(), "a retry after 409 succeeds: " + again.body());
          assertEquals("active", ApiClient.object(again).getString("status"), "then active");
        }
      }
      System.out.println(
          "concurrent approvals: both accepted in " + bothSucceeded + " of 6 rounds");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void revokingAGrantTerminatesItsSessions() throws Exception {
    ApiClient dave = ApiClient.as("it-dave", "it-dev");
    String id = requestGrant(dave, 600).getString("id");
    assertEquals(
        200,
        BOB.post("/grants/" + id + "/approve", "{\"reason\":\"ok\"}").statusCode(),
        "approved");
    try (Connection c = connect(dave);
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      HttpResponse<String> revoked =
          BOB.post("/grants/" + id + "/revoke", "{\"reason\":\"incident closed\"}");
      assertEquals(200, revoked.statusCode(), "revoked: " + revoked.body());
      SQLException ended = awaitTermination(s, Duration.ofSeconds(15));
      assertTrue(
          ended.getMessage().contains("revoked") && ended.getMessage().contains("incident closed"),
          "FATAL names the revocation: " + ended.getMessage());
    }
    assertProblem(
        BOB.post("/grants/" + id + "/approve", "{\"reason\":\"again\"}"), 409, "not pending");
  }

  @Test
  void heldStatementRunsOnceApprovedAndOnlyThatOne() throws Exception {
    ApiClient carol = ApiClient.as("it-carol", "it-dba");
    String first = "DELETE FROM " + table + " WHERE id = 1";
    String second = "DELETE FROM " + table + " WHERE id = 2";
    try (Connection c = connect(carol);
        Statement s = c.createStatement()) {
      CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> update(s, first));
      JsonObject review = awaitPendingReview(first);
      String reviewId = review.getString("id");
      assertTrue(!held.isDone(), "the client waits while the review is pending");
      assertProblem(
          carol.post("/reviews/" + reviewId + "/approve", "{\"reason\":\"mine\"}"),
          403,
          "self-approval of a review");
      HttpResponse<String> approved =
          BOB.post("/reviews/" + reviewId + "/approve", "{\"reason\":\"expected cleanup\"}");
      assertEquals(200, approved.statusCode(), "approved: " + approved.body());
      assertEquals(1, held.get(15, TimeUnit.SECONDS), "the held DELETE ran after approval");

      CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> update(s, second));
      JsonObject otherReview = awaitPendingReview(second);
      assertTrue(
          !otherReview.getString("id").equals(reviewId), "another statement needs its own review");
      assertEquals(
          200,
          BOB.post(
                  "/reviews/" + otherReview.getString("id") + "/reject",
                  "{\"reason\":\"not this one\"}")
              .statusCode(),
          "rejected");
      try {
        other.get(15, TimeUnit.SECONDS);
        fail("a rejected statement must not run");
      } catch (java.util.concurrent.ExecutionException e) {
        String message = e.getCause().getMessage();
        assertTrue(
            message.contains(otherReview.getString("id")) && message.contains("rejected"),
            "the error names the review: " + message);
      }
    }
    try (Connection c = connect(carol);
        Statement s = c.createStatement()) {
      assertEquals(0, s.executeUpdate(first), "the approved text runs again in its window");
    }
  }

  @Test
  void execRunsThroughTheSameDataPath() throws Exception {
    ApiClient agent = ApiClient.as("it-agent", "it-dba");
    String path = "/connections/" + connection + "/exec";

    HttpResponse<String> select =
        agent.post(path, "{\"input\":\"SELECT id, note FROM " + table + " WHERE id = 5\"}");
    assertEquals(200, select.statusCode(), "select: " + select.body());
    JsonObject rows = ApiClient.object(select);
    assertEquals("n5", rows.getJsonArray("rows").getJsonArray(0).getString(1), "the row");

    assertProblem(
        agent.post(path, "{\"input\":\"DROP TABLE " + table + "\"}"), 403, "blocked by a rule");
    HttpResponse<String> dropped = agent.post(path, "{\"input\":\"DROP TABLE " + table + "\"}");
    assertTrue(dropped.body().contains("no-drop"), "the problem names the rule: " + dropped.body());

    String delete = "DELETE FROM " + table + " WHERE id = 5";
    HttpResponse<String> held = agent.post(path, "{\"input\":\"" + delete + "\"}");
    assertEquals(202, held.statusCode(), "held: " + held.body());
    String review = ApiClient.object(held).getString("review");
    assertEquals(
        200,
        BOB.post("/reviews/" + review + "/approve", "{\"reason\":\"ok\"}").statusCode(),
        "approved");
    Thread.sleep(1000);
    HttpResponse<String> still =
        agent.post(path, "{\"input\":\"SELECT count(*) FROM " + table + " WHERE id = 5\"}");
    assertEquals(
        "1",
        ApiClient.object(still).getJsonArray("rows").getJsonArray(0).getString(0),
        "an approval does not run work whose client left: " + still.body());
    HttpResponse<String> again = agent.post(path, "{\"input\":\"" + delete + "\"}");
    assertEquals(200, again.statusCode(), "sent again within the window: " + again.body());
    assertEquals("DELETE 1", ApiClient.object(again).getString("command"), "it ran");

    // A connection whose target is down (SQLSTATE class 08): 503 naming it, with Retry-After.
    String down = ApiClient.unique("it-down");
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    HttpResponse<String> created =
        ADMIN.post(
            "/connections",
            "{\"name\":\""
                + down
                + "\",\"type\":\"postgres\",\"target\":{\"host\":\"127.0.0.1\",\"port\":"
                + deadPort
                + ",\"database\":\"gatehouse_test\"},\"tls\":{\"mode\":\"disable\"},"
                + "\"credential\":{\"username\":\"gh_admin\",\"password\":\"gh_admin_pw\"},"
                + "\"accessGroups\":[\"it-dba\"]}");
    assertEquals(201, created.statusCode(), "connection: " + created.body());
    HttpResponse<String> unavailable =
        agent.post("/connections/" + down + "/exec", "{\"input\":\"SELECT 1\"}");
    assertProblem(unavailable, 503, "target down");
    assertTrue(unavailable.body().contains(down), "names it: " + unavailable.body());
    assertTrue(
        unavailable.headers().firstValue("Retry-After").isPresent(), "Retry-After: " + unavailable);
    HttpResponse<String> fine =
        agent.post(path, "{\"input\":\"SELECT count(*) FROM " + table + "\"}");
    assertEquals(200, fine.statusCode(), "other connections run: " + fine.body());
  }

  private static int update(Statement s, String sql) {
    try {
      return s.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static JsonObject requestGrant(ApiClient who, int seconds) {
    HttpResponse<String> response =
        who.post(
            "/grants",
            "{\"connection\":\""
                + connection
                + "\",\"durationSeconds\":"
                + seconds
                + ",\"reason\":\"INC-42 fix stuck orders\"}");
    assertEquals(201, response.statusCode(), "grant requested: " + response.body());
    return ApiClient.object(response);
  }

  private static JsonObject awaitPendingReview(String subject) throws InterruptedException {
    Instant giveUp = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(giveUp)) {
      for (JsonValue value : ApiClient.array(BOB.get("/reviews"))) {
        JsonObject review = value.asJsonObject();
        if (review.getString("subject").equals(subject)) {
          assertEquals("pending", review.getString("status"), "listed as pending");
          return review;
        }
      }
      Thread.sleep(200);
    }
    fail("no pending review for " + subject);
    return null;
  }

  private static void awaitGrantStatus(ApiClient who, String id, String status)
      throws InterruptedException {
    Instant giveUp = Instant.now().plusSeconds(30);
    String seen = null;
    while (Instant.now().isBefore(giveUp)) {
      seen = ApiClient.object(who.get("/grants/" + id)).getString("status");
      if (status.equals(seen)) {
        return;
      }
      Thread.sleep(250);
    }
    fail("grant " + id + " is " + seen + ", expected " + status);
  }

  private static SQLException awaitTermination(Statement s, Duration within)
      throws InterruptedException {
    return awaitTermination(s, within, new ArrayList<>(), null, null);
  }

  /**
   * Runs {@code SELECT 1} until the session ends; collects the notices (SQLWarnings) seen on the
   * way, and once one is seen, whether the API calls the grant {@code expiringSoon} ("soon ...").
   */
  private static SQLException awaitTermination(
      Statement s, Duration within, List<String> warnings, ApiClient who, String grantId)
      throws InterruptedException {
    Instant giveUp = Instant.now().plus(within);
    while (Instant.now().isBefore(giveUp)) {
      try {
        s.execute("SELECT 1");
        int before = warnings.size();
        for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
          warnings.add(w.getMessage());
        }
        for (SQLWarning w = s.getConnection().getWarnings(); w != null; w = w.getNextWarning()) {
          warnings.add(w.getMessage());
        }
        s.clearWarnings();
        s.getConnection().clearWarnings();
        if (grantId != null && warnings.size() > before) {
          JsonObject grant = ApiClient.object(who.get("/grants/" + grantId));
          if (grant.getBoolean("expiringSoon")) {
            warnings.add("soon " + grant.getInt("secondsLeft"));
          }
        }
      } catch (SQLException e) {
        return e;
      }
      Thread.sleep(250);
    }
    fail("the session was not terminated within " + within);
    return null;
  }

  private static Connection connect(ApiClient who) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "it");
    props.setProperty("password", who.token());
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + GATEWAY_PG_PORT + "/" + connection, props);
  }

  private static void run(String action) throws Exception {
    Process process =
        new ProcessBuilder(
                SCRIPT.toString(), action, clusterDir.toAbsolutePath().toString(), "" + targetPort)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pg-test-cluster " + action + " in time");
    assertEquals(0, process.exitValue(), "pg-test-cluster " + action + ": " + output);
    assertNotNull(output, "output");
  }
}
