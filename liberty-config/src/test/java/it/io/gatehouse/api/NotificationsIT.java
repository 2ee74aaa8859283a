package it.io.gatehouse.api;

import static it.io.gatehouse.api.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Policy webhooks against a real HTTP receiver: posts arrive after the decision, Slack-shaped; a
 * receiver that fails once gets the post on the retry; a receiver that hangs neither slows a
 * decision nor loses the notification (it stays in the outbox, retried).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsIT {

  static final ApiClient ADMIN = ApiClient.as("it-admin", "gatehouse-admin");
  static final ApiClient BOB = ApiClient.as("it-bob", "gatehouse-reviewer");
  static final ApiClient ALICE = ApiClient.as("it-alice", "it-dev");
  static WebhookReceiver receiver;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  @Order(2)
  void grantEventsArePostedAfterTheDecisionAndAFailedPostIsRetried() throws Exception {
    String connection = connectionNotifying(receiver.url("/flaky"), null);
    String id = requestGrant(connection);
    approve(id, "on call");
    HttpResponse<String> revoked = BOB.post("/grants/" + id + "/revoke", "{\"reason\":\"done\"}");
    assertEquals(200, revoked.statusCode(), "revoked: " + revoked.body());

    for (String event : List.of("grant.requested", "grant.approved", "grant.revoked")) {
      WebhookReceiver.Post post =
          receiver.await(
              p ->
                  p.answered() == 204
                      && p.json().getString("id", "").equals(id)
                      && p.json().getString("event").equals(event),
              Duration.ofSeconds(20));
      assertNotNull(post, event + " delivered; posts so far: " + receiver.posts());
    }
    List<WebhookReceiver.Post> flaky =
        receiver.posts().stream().filter(p -> p.path().equals("/flaky")).toList();
    assertEquals(500, flaky.get(0).answered(), "the first post was refused");
    assertEquals(
        1,
        flaky.stream().skip(1).filter(p -> p.json().equals(flaky.get(0).json())).count(),
        "and the same notification came again, once: " + flaky);

    JsonObject approved =
        receiver
            .await(p -> p.json().getString("event").equals("grant.approved"), Duration.ofSeconds(1))
            .json();
    assertEquals(
        "Gatehouse: grant "
            + id
            + " for it-alice on "
            + connection
            + " approved by it-bob, active until "
            + approved.getString("endsAt")
            + ": on call",
        approved.getString("text"),
        "Slack text");
    assertEquals("grant", approved.getString("kind"), "kind");
    assertEquals(connection, approved.getString("connection"), "connection");
    assertEquals("it-alice", approved.getString("requester"), "requester");
    assertEquals("it-bob", approved.getString("actor"), "actor");
    assertEquals("active", approved.getString("status"), "status at the decision");

    JsonArray outbox = awaitOutbox(id, 3, "sent");
    assertEquals(
        List.of("grant.requested", "grant.approved", "grant.revoked"),
        outbox.getValuesAs(JsonObject.class).stream().map(n -> n.getString("event")).toList(),
        "one outbox row per event, oldest first");
    assertProblem(ALICE.get("/notifications?subject=" + id), 403, "only admins and auditors");
  }

  // Last: its timeouts open the (shared) circuit breaker for a while.
  @Test
  @Order(3)
  void aHangingWebhookNeitherBlocksNorLosesADecision() throws Exception {
    String connection =
        connectionNotifying(receiver.url("/hang"), "grant.requested,grant.approved");
    Instant before = Instant.now();
    String id = requestGrant(connection);
    approve(id, "urgent");
    Duration took = Duration.between(before, Instant.now());
    assertTrue(took.toMillis() < 3000, "request and approval did not wait on the webhook: " + took);
    assertEquals(
        "active",
        ApiClient.object(ALICE.get("/grants/" + id)).getString("status"),
        "the decision stands");
    assertNotNull(
        receiver.await(
            p -> p.path().equals("/hang") && p.json().getString("id", "").equals(id),
            Duration.ofSeconds(20)),
        "the post reached the hanging receiver");
    // The receiver never answers: each try times out (2 s in the ITs) and the row waits, pending.
    JsonArray outbox = awaitOutbox(id, 2, null);
    JsonObject stuck = null;
    Instant giveUp = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(giveUp)) {
      for (JsonObject n : outboxOf(id).getValuesAs(JsonObject.class)) {
        if (n.getInt("attempts") >= 1 && n.getString("status").equals("pending")) {
          stuck = n;
        }
      }
      if (stuck != null) {
        break;
      }
      Thread.sleep(500);
    }
    assertNotNull(stuck, "a timed-out post stays pending for a retry: " + outboxOf(id));
    assertTrue(
        stuck.getString("lastError").contains("127.0.0.1"),
        "the error names the webhook host: " + stuck);
    assertEquals(2, outbox.size(), "one row per subscribed event: " + outbox);
  }

  @Test
  @Order(1)
  void aBadWebhookUrlIsRefusedByPointer() {
    String policy = ApiClient.unique("it-notify-bad");
    HttpResponse<String> put =
        ADMIN.put(
            "/policies/" + policy,
            "{\"name\":\""
                + policy
                + "\",\"notifications\":{\"webhookUrl\":\"ftp://example.com/x\","
                + "\"events\":[\"grant.exploded\"]}}");
    assertProblem(put, 400, "bad webhook");
    assertTrue(
        put.body().contains("/notifications/webhookUrl")
            && put.body().contains("/notifications/events/0"),
        "both problems by pointer: " + put.body());
  }

  private static String connectionNotifying(String url, String events) {
    String policy = ApiClient.unique("it-notify");
    String eventList =
        events == null ? "" : ",\"events\":[\"" + String.join("\",\"", events.split(",")) + "\"]";
    HttpResponse<String> put =
        ADMIN.put(
            "/policies/" + policy,
            "{\"name\":\""
                + policy
                + "\",\"notifications\":{\"webhookUrl\":\""
                + url
                + "\""
                + eventList
                + "}}");
    assertTrue(put.statusCode() == 201 || put.statusCode() == 200, "policy: " + put.body());
    String connection = ApiClient.unique("it-notify");
    HttpResponse<String> created =
        ADMIN.post(
            "/connections",
            "{\"name\":\""
                + connection
                + "\",\"type\":\"postgres\",\"target\":{\"host\":\"127.0.0.1\",\"port\":1,"
                + "\"database\":\"d\"},\"tls\":{\"mode\":\"disable\"},"
                + "\"credential\":{\"username\":\"u\",\"password\":\"p\"},"
                + "\"accessGroups\":[\"it-dev\"],\"policy\":\""
                + policy
                + "\"}");
    assertEquals(201, created.statusCode(), "connection: " + created.body());
    return connection;
  }

  private static String requestGrant(String connection) {
    HttpResponse<String> response =
        ALICE.post(
            "/grants",
            "{\"connection\":\""
                + connection
                + "\",\"durationSeconds\":600,\"reason\":\"INC-9 <check> & fix\"}");
    assertEquals(201, response.statusCode(), "grant requested: " + response.body());
    return ApiClient.object(response).getString("id");
  }

  private static void approve(String id, String reason) {
    HttpResponse<String> approved =
        BOB.post("/grants/" + id + "/approve", "{\"reason\":\"" + reason + "\"}");
    assertEquals(200, approved.statusCode(), "approved: " + approved.body());
  }

  private static JsonArray outboxOf(String subject) {
    HttpResponse<String> response = ADMIN.get("/notifications?subject=" + subject);
    assertEquals(200, response.statusCode(), "outbox: " + response.body());
    return ApiClient.array(response);
  }

  /** Waits for {@code count} rows about {@code subject}, all with {@code status} if given. */
  private static JsonArray awaitOutbox(String subject, int count, String status)
      throws InterruptedException {
    Instant giveUp = Instant.now().plusSeconds(20);
    JsonArray rows = null;
    while (Instant.now().isBefore(giveUp)) {
      rows = outboxOf(subject);
      if (rows.size() == count
          && (status == null
              || rows.getValuesAs(JsonObject.class).stream()
                  .allMatch(n -> n.getString("status").equals(status)))) {
        return rows;
      }
      Thread.sleep(300);
    }
    fail("outbox of " + subject + ": expected " + count + " rows " + status + ", saw " + rows);
    return null;
  }
}
