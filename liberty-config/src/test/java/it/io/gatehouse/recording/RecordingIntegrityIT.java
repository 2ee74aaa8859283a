package it.io.gatehouse.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import it.io.gatehouse.support.Gateway;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A session recorded through the real PostgreSQL path is sealed once it ends and verifies; an edit
 * made directly in the store is named by the verify endpoint. The edit needs SQL access to the
 * store, so that part runs on the PostgreSQL store pass only (scripts/it-postgres-store.sh): the
 * embedded Derby database is held exclusively by the running server.
 */
class RecordingIntegrityIT {

  private static final int PG_PORT = Integer.getInteger("it.pg.port", 15432);
  private static final String STORE = System.getProperty("it.store", "derby");
  private static final String GROUP = "it-recorders";
  private static final Duration SEAL_WAIT = Duration.ofSeconds(45);

  private static Path clusterDir;
  private static int targetPort;
  private static String admin;

  @BeforeAll
  static void startTarget() throws Exception {
    clusterDir = Files.createTempDirectory("gatehouse-it-target-");
    clusterDir.toFile().setReadable(true, false);
    clusterDir.toFile().setExecutable(true, false);
    try (ServerSocket probe = new ServerSocket(0)) {
      targetPort = probe.getLocalPort();
    }
    cluster("start");
    admin = Gateway.devToken("it-recording-admin", "gatehouse-admin");
  }

  @AfterAll
  static void stopTarget() throws Exception {
    if (clusterDir != null) {
      cluster("stop");
    }
  }

  @Test
  void aRecordedSessionIsSealedAndVerifies() throws Exception {
    String session = recordSession();
    JsonObject sealed = awaitSeal(session);
    JsonObject seal = sealed.getJsonObject("seal");
    assertFalse(seal.getString("keyId").isBlank(), "seal names its key: " + sealed);

    JsonArray events = json(get("/api/v1/sessions/" + session + "/events")).asJsonArray();
    assertEquals(events.size(), seal.getInt("eventCount"), "seal covers every event: " + seal);
    JsonObject first = events.getJsonObject(0);
    assertEquals("0".repeat(64), first.getString("previousHash"), "genesis: " + first);
    assertEquals(
        events.getJsonObject(events.size() - 1).getString("hash"),
        seal.getString("headHash"),
        "head is the last event's hash");

    JsonObject verify = json(get("/api/v1/sessions/" + session + "/verify")).asJsonObject();
    assertTrue(verify.getBoolean("valid"), "recording verifies: " + verify);
    assertEquals(events.size(), verify.getInt("events"), "every event checked: " + verify);
    assertTrue(verify.getJsonObject("seal").getBoolean("valid"), "seal holds: " + verify);

    JsonArray keys =
        json(Gateway.send(Gateway.request("/api/v1/seal-keys").GET()).body()).asJsonArray();
    assertTrue(
        keys.stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                k ->
                    k.getString("keyId").equals(seal.getString("keyId"))
                        && k.getString("publicKey").startsWith("-----BEGIN PUBLIC KEY-----")),
        "the sealing key is published without a token: " + keys);
  }

  @Test
  void anEventEditedInTheStoreIsNamedByVerify() throws Exception {
    assumeTrue(
        "postgres".equals(STORE),
        "the tamper step edits gh_session_event_chunk over JDBC, which the embedded Derby store"
            + " (held by the server) does not allow; it runs in scripts/it-postgres-store.sh");
    String session = recordSession();
    awaitSeal(session);
    JsonArray events = json(get("/api/v1/sessions/" + session + "/events")).asJsonArray();
    JsonObject target =
        events.stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> e.getString("payload").contains("SELECT 41"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the SELECT 41 statement recorded: " + events));
    long sequence = target.getJsonNumber("sequence").longValue();
    String edited = target.getString("payload").replace("SELECT 41", "SELECT 42");

    // Events are stored a chunk per shipped batch: edit the statement's text inside its chunk,
    // keeping the length, so that the chunk still reads and only the hash chain can tell.
    editChunk(session, sequence, target.getString("payload"), edited);

    JsonObject verify = json(get("/api/v1/sessions/" + session + "/verify")).asJsonObject();
    assertFalse(verify.getBoolean("valid"), "edit detected: " + verify);
    assertTrue(
        verify.getJsonArray("problems").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                p ->
                    p.getJsonNumber("sequence").longValue() == sequence
                        && p.getString("problem").equals("hash mismatch: event edited")),
        "event " + sequence + " named as edited: " + verify);

    // An edit that breaks the chunk's framing (the text grows, its length prefix does not): the
    // chunk is reported as unreadable, never read as other events.
    editChunk(session, sequence, "SELECT 42", "SELECT 4242");
    JsonObject broken = json(get("/api/v1/sessions/" + session + "/verify")).asJsonObject();
    assertFalse(broken.getBoolean("valid"), "broken chunk detected: " + broken);
    assertTrue(
        broken.getJsonArray("problems").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(p -> p.getString("problem").startsWith("unreadable: the stored events ")),
        "the chunk named as unreadable: " + broken);
    HttpResponse<String> unreadable = Gateway.get("/api/v1/sessions/" + session + "/events", admin);
    assertEquals(500, unreadable.statusCode(), unreadable.body());
    assertTrue(unreadable.body().contains("cannot be read"), unreadable.body());
  }

  /** Replaces text inside the stored chunk that holds event {@code sequence}, over JDBC. */
  private static void editChunk(String session, long sequence, String from, String to)
      throws SQLException {
    try (Connection store =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:"
                    + System.getProperty("it.db.port", "5432")
                    + "/gatehouse?sslmode=disable",
                "gatehouse",
                System.getProperty("it.db.password", ""));
        PreparedStatement update =
            store.prepareStatement(
                "UPDATE gh_session_event_chunk"
                    + " SET events = convert_to(replace(convert_from(events, 'UTF8'), ?, ?), 'UTF8')"
                    + " WHERE session_id = ? AND first_seq <= ? AND last_seq >= ?")) {
      update.setString(1, from);
      update.setString(2, to);
      update.setString(3, session);
      update.setLong(4, sequence);
      update.setLong(5, sequence);
      assertEquals(1, update.executeUpdate(), "the chunk holding event " + sequence + " edited");
    }
  }

  /** Registers a connection to the target, runs a few statements through the gateway, closes. */
  private static String recordSession() throws SQLException {
    String name = "rec-" + UUID.randomUUID().toString().substring(0, 8);
    String policy = name + "-policy";
    assertOk(
        Gateway.send(
            Gateway.authorized("/api/v1/policies/" + policy, admin)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"name":"%s","recording":"strict","defaultAction":"allow",
                         "rules":[{"id":"no-drop","action":"block",
                                   "when":{"sql":{"kinds":["DROP"]}}}]}
                        """
                            .formatted(policy)))),
        "policy");
    assertOk(
        Gateway.send(
            Gateway.authorized("/api/v1/connections", admin)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"name":"%s","type":"postgres",
                         "target":{"host":"127.0.0.1","port":%d,"database":"gatehouse_test"},
                         "tls":{"mode":"require"},
                         "credential":{"username":"gh_admin","password":"gh_admin_pw"},
                         "accessGroups":["%s"],"policy":"%s"}
                        """
                            .formatted(name, targetPort, GROUP, policy)))),
        "connection");

    String token = Gateway.devToken("it-recorder", GROUP);
    String url =
        "jdbc:postgresql://127.0.0.1:"
            + PG_PORT
            + "/"
            + name
            + "?sslmode=disable&connectTimeout=20";
    try (Connection db = DriverManager.getConnection(url, "it-recorder", token);
        Statement statement = db.createStatement()) {
      statement.execute("SELECT 41");
      assertThrows(
          SQLException.class, () -> statement.execute("DROP TABLE nothing"), "DROP blocked");
      statement.execute("SELECT 'after the block'");
    }

    JsonArray sessions =
        json(get("/api/v1/sessions?connection=" + name + "&identity=it-recorder")).asJsonArray();
    assertEquals(1, sessions.size(), "one session on the new connection: " + sessions);
    return sessions.getJsonObject(0).getString("id");
  }

  private static JsonObject awaitSeal(String session) throws InterruptedException {
    Instant deadline = Instant.now().plus(SEAL_WAIT);
    JsonObject last = null;
    while (Instant.now().isBefore(deadline)) {
      last = json(get("/api/v1/sessions/" + session)).asJsonObject();
      if (last.containsKey("seal")
          && last.get("seal").getValueType() == JsonValue.ValueType.OBJECT) {
        return last;
      }
      Thread.sleep(250);
    }
    assertNotNull(null, "session sealed within " + SEAL_WAIT + ": " + last);
    return last;
  }

  private static String get(String path) {
    HttpResponse<String> response = Gateway.get(path, admin);
    assertEquals(200, response.statusCode(), "GET " + path + ": " + response.body());
    return response.body();
  }

  private static void assertOk(HttpResponse<String> response, String what) {
    assertTrue(
        response.statusCode() == 200 || response.statusCode() == 201,
        what + " created: " + response.statusCode() + " " + response.body());
  }

  private static JsonValue json(String body) {
    return Json.createReader(new StringReader(body)).readValue();
  }

  private static void cluster(String action) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                "../scripts/pg-test-cluster.sh",
                action,
                clusterDir.toString(),
                Integer.toString(targetPort))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pg-test-cluster " + action + " finished");
    assertEquals(0, process.exitValue(), "pg-test-cluster " + action + ": " + output);
  }
}
