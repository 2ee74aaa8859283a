package it.io.gatehouse.postgres;

import static it.io.gatehouse.support.Gateway.authorized;
import static it.io.gatehouse.support.Gateway.devToken;
import static it.io.gatehouse.support.Gateway.get;
import static it.io.gatehouse.support.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.gatehouse.support.Gateway;
import it.io.gatehouse.support.TargetDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL data path in the running server: a connection and policy registered through the
 * API, the JDBC driver and psql through the listener, guardrails, masking and the recording.
 */
class PostgresPathIT {

  static final int PG_PORT = Integer.getInteger("it.pg.port", 15432);
  static final String CONNECTION = "it-orders";
  static String admin;
  static String dba;

  static final String POLICY =
      """
      {"name":"it-orders-policy","recording":"strict",
       "rules":[
         {"id":"no-drop","action":"block","when":{"sql":{"kinds":["DROP","TRUNCATE"]}},
          "message":"DROP and TRUNCATE are not allowed here"},
         {"id":"no-pg-read-file","action":"block",
          "when":{"sql":{"functions":["pg_read_file","pg_ls_dir"]}}}],
       "masking":{"rules":[
         {"id":"cards","detector":"payment-card","strategy":"partial"},
         {"id":"emails","columns":["email"],"strategy":"hash"},
         {"id":"vip-names","columns":["it_vips.name"],"strategy":"redact"}]},
       "timeouts":{"idleInTransactionSeconds":2}}
      """;

  @BeforeAll
  static void setUp() throws Exception {
    TargetDatabase target = TargetDatabase.shared();
    try (Connection c = target.superuser();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS it_customers");
      s.execute("CREATE TABLE it_customers (id int primary key, name text, email text, card text)");
      s.execute(
          "INSERT INTO it_customers VALUES"
              + " (1, 'Ann', 'ann@example.com', '4111 1111 1111 1111'),"
              + " (2, 'Bob', 'bob@example.com', 'none')");
      s.execute("GRANT ALL ON it_customers TO " + TargetDatabase.APP_USER);
      s.execute("DROP TABLE IF EXISTS it_vips");
      s.execute("CREATE TABLE it_vips (id int primary key, name text)");
      s.execute("INSERT INTO it_vips VALUES (1, 'Vic')");
      s.execute("GRANT ALL ON it_vips TO " + TargetDatabase.APP_USER);
    }
    admin = devToken("it-admin", "gatehouse-admin");
    dba = devToken("dana", "dba");
    HttpResponse<String> policy =
        send(
            authorized("/api/v1/policies/it-orders-policy", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(POLICY)));
    assertTrue(policy.statusCode() / 100 == 2, "policy stored: " + policy.body());
    send(authorized("/api/v1/connections/" + CONNECTION, admin).DELETE());
    String connection =
        """
        {"name":"%s","type":"postgres",
         "target":{"host":"127.0.0.1","port":%d,"database":"%s"},"tls":{"mode":"disable"},
         "credential":{"username":"%s","password":"%s"},
         "accessGroups":["dba"],"policy":"it-orders-policy"}
        """
            .formatted(
                CONNECTION,
                target.port(),
                TargetDatabase.DATABASE,
                TargetDatabase.APP_USER,
                TargetDatabase.APP_PASSWORD);
    HttpResponse<String> created =
        send(
            authorized("/api/v1/connections", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(connection)));
    assertEquals(201, created.statusCode(), "connection registered: " + created.body());
  }

  static Connection connect(String token) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + CONNECTION + "?sslmode=require",
        "anyone",
        token);
  }

  @Test
  void cardsAreMaskedAndEmailsHashed() throws Exception {
    try (Connection c = connect(dba);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, email, card FROM it_customers ORDER BY id")) {
      assertTrue(rs.next(), "first row");
      assertEquals("Ann", rs.getString("name"), "unmasked column as stored");
      assertTrue(rs.getString("email").startsWith("h:"), "email hashed: " + rs.getString("email"));
      String card = rs.getString("card");
      assertFalse(card.contains("4111 1111 1111"), "card number masked: " + card);
      assertTrue(card.endsWith("1111"), "partial keeps the last four: " + card);
      assertTrue(rs.next(), "second row");
      assertEquals("none", rs.getString("card"), "a value without a card passes through");
    }
  }

  @Test
  void aTableQualifiedRuleMasksOnlyThatTablesColumnUnderAnAlias() throws Exception {
    try (Connection c = connect(dba);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT v.name AS who, c.name FROM it_vips v JOIN it_customers c ON c.id = v.id"
                    + " WHERE v.id = ?")) {
      for (int run = 0; run < 6; run++) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "the row, run " + run);
          assertEquals("****", rs.getString("who"), "it_vips.name under an alias, run " + run);
          assertEquals("Ann", rs.getString(2), "it_customers.name is not masked, run " + run);
        }
      }
    }
  }

  @Test
  void anIdleTransactionIsEndedWithAFatalAndRecorded() throws Exception {
    try (Connection c = connect(dba);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeQuery("SELECT 'idle-marker-1'").close();
      Thread.sleep(4_000);
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 2"));
      assertEquals("25P03", e.getSQLState(), "idle in transaction: " + e.getMessage());
      assertTrue(
          e.getMessage().contains("timeouts.idleInTransactionSeconds"),
          "names the setting: " + e.getMessage());
    }
    JsonObject session = awaitSessionWith("idle-marker-1");
    assertEquals("terminated", session.getString("status"), "ended by the gateway: " + session);
    assertEquals(
        "idle-in-transaction-timeout", session.getString("endReason", null), "why: " + session);
    assertTrue(
        events(session.getString("id")).toString().contains("idle-in-transaction-timeout"),
        "the session-end event names the reason");
  }

  @Test
  void dropTableIsBlockedWithTheRuleAndTheSessionGoesOn() throws Exception {
    try (Connection c = connect(dba);
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(SQLException.class, () -> s.execute("DROP TABLE it_customers"), "DROP");
      assertEquals("42501", e.getSQLState(), "insufficient privilege");
      assertTrue(e.getMessage().contains("no-drop"), "names the rule: " + e.getMessage());
      SQLException hidden =
          assertThrows(
              SQLException.class,
              () -> s.execute("/* harmless */ SELECT 1; dRoP TABLE it_customers"),
              "a DROP hidden behind a comment and a second statement");
      assertTrue(hidden.getMessage().contains("no-drop"), "still caught: " + hidden.getMessage());
      SQLException function =
          assertThrows(
              SQLException.class,
              () -> s.executeQuery("SELECT length(pg_read_file('/etc/passwd'))"),
              "a dangerous function");
      assertTrue(function.getMessage().contains("no-pg-read-file"), function.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM it_customers")) {
        assertTrue(rs.next(), "the session still works");
        assertEquals(2, rs.getInt(1), "and the table is still there");
      }
    }
  }

  @Test
  void aForgedTokenAndAMissingGroupAreRefusedClearly() {
    SQLException forged =
        assertThrows(
            SQLException.class, () -> connect(dba.substring(0, dba.length() - 4) + "AAAA"));
    assertEquals("28P01", forged.getSQLState(), "invalid password class: " + forged.getMessage());
    assertTrue(forged.getMessage().contains("token"), "says the token: " + forged.getMessage());
    SQLException outsider =
        assertThrows(SQLException.class, () -> connect(devToken("mallory", "marketing")));
    assertEquals("28000", outsider.getSQLState(), "not permitted");
    assertTrue(
        outsider.getMessage().contains("[dba]"),
        "names the groups needed: " + outsider.getMessage());
  }

  @Test
  void psqlWorksThroughTheGateway() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "psql",
                "host=127.0.0.1 port=" + PG_PORT + " dbname=" + CONNECTION + " sslmode=require",
                "-X",
                "-A",
                "-t",
                "-c",
                "SELECT card FROM it_customers WHERE id = 1")
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", dba);
    builder.environment().put("PGUSER", "dana");
    Process psql = builder.start();
    assertTrue(psql.waitFor(30, TimeUnit.SECONDS), "psql finishes");
    String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, psql.exitValue(), "psql output: " + out);
    assertNotEquals("4111 1111 1111 1111", out, "psql sees the masked card");
    assertTrue(out.endsWith("1111"), "partial mask: " + out);
  }

  @Test
  void everyStatementIsRecordedWithItsDecision() throws Exception {
    try (Connection c = connect(dba);
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT 'recorded-marker-1'").close();
      assertThrows(SQLException.class, () -> s.execute("TRUNCATE it_customers"), "blocked");
    }
    JsonObject session = awaitSessionWith("recorded-marker-1");
    assertEquals("dana", session.getString("identity"), "who");
    assertEquals(CONNECTION, session.getString("connection"), "where");
    JsonArray events = events(session.getString("id"));
    boolean truncateBlocked =
        events.stream()
            .map(JsonObject.class::cast)
            .anyMatch(
                e ->
                    "statement".equals(e.getString("type"))
                        && "block".equals(e.getString("decision", null))
                        && "no-drop".equals(e.getString("ruleId", null)));
    assertTrue(truncateBlocked, "the blocked TRUNCATE is recorded with its rule: " + events);
  }

  /**
   * Backends are JCA managed connections in Liberty's pool: a session's state does not reach the
   * next session on the same backend (DISCARD ALL), and a backend the target killed while pooled is
   * not handed out again.
   */
  @Test
  void aPooledBackendIsResetForTheNextSessionAndOneTheTargetKilledIsEvicted() throws Exception {
    int first;
    try (Connection c = connect(dba);
        Statement s = c.createStatement()) {
      first = pid(s);
      s.execute("CREATE TEMP TABLE it_leftover (x int)");
      s.execute("SET work_mem = '7MB'");
    }
    boolean reused = false;
    for (int i = 0; i < 6 && !reused; i++) {
      try (Connection c = connect(dba);
          Statement s = c.createStatement()) {
        if (pid(s) != first) {
          continue;
        }
        reused = true;
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('pg_temp.it_leftover') IS NULL")) {
          assertTrue(rs.next() && rs.getBoolean(1), "the temporary table is gone");
        }
        try (ResultSet rs = s.executeQuery("SHOW work_mem")) {
          assertTrue(rs.next());
          assertNotEquals("7MB", rs.getString(1), "the setting was reset");
        }
      }
    }
    assertTrue(reused, "the pool handed the same backend to a later session");

    try (Connection direct = TargetDatabase.shared().superuser();
        Statement s = direct.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(" + first + ")")) {
      assertTrue(rs.next() && rs.getBoolean(1), "the target ended the pooled backend");
    }
    for (int i = 0; i < 3; i++) {
      try (Connection c = connect(dba);
          Statement s = c.createStatement()) {
        assertNotEquals(first, pid(s), "a killed backend is never handed out again");
      }
    }
  }

  /**
   * On the deployed server, through the real control plane: a connection whose policy requires TLS
   * answers a plaintext startup with FATAL 28000 as its first message, before any password request,
   * so the token never crosses in clear; over TLS the same connection works.
   */
  @Test
  void aPlaintextClientOfATlsOnlyConnectionIsRefusedBeforeItsTokenIsAskedFor() throws Exception {
    TargetDatabase target = TargetDatabase.shared();
    String policy =
        """
        {"name":"it-tls-only","requireTls":true}
        """;
    assertTrue(
        send(authorized("/api/v1/policies/it-tls-only", admin)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(policy)))
                    .statusCode()
                / 100
            == 2);
    send(authorized("/api/v1/connections/it-tls-only", admin).DELETE());
    String connection =
        """
        {"name":"it-tls-only","type":"postgres",
         "target":{"host":"127.0.0.1","port":%d,"database":"%s"},"tls":{"mode":"disable"},
         "credential":{"username":"%s","password":"%s"},
         "accessGroups":["dba"],"policy":"it-tls-only"}
        """
            .formatted(
                target.port(),
                TargetDatabase.DATABASE,
                TargetDatabase.APP_USER,
                TargetDatabase.APP_PASSWORD);
    assertEquals(
        201,
        send(authorized("/api/v1/connections", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(connection)))
            .statusCode());

    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", PG_PORT)) {
      socket.setSoTimeout(10_000);
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      java.io.DataOutputStream d = new java.io.DataOutputStream(body);
      d.writeInt(196608);
      for (String word : new String[] {"user", "dana", "database", "it-tls-only"}) {
        d.write(word.getBytes(StandardCharsets.UTF_8));
        d.write(0);
      }
      d.write(0);
      java.io.DataOutputStream out = new java.io.DataOutputStream(socket.getOutputStream());
      out.writeInt(body.size() + 4);
      out.write(body.toByteArray());
      out.flush();
      java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
      int type = in.read();
      byte[] message = new byte[in.readInt() - 4];
      in.readFully(message);
      String text = new String(message, StandardCharsets.UTF_8);
      assertEquals('E', type, "the first reply is an error, not a password request: " + text);
      assertTrue(text.contains("28000") && text.contains("requires TLS"), text);
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/it-tls-only?sslmode=require",
                "anyone",
                dba);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertTrue(rs.next(), "over TLS the connection works");
    }
  }

  private static int pid(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  /**
   * pgbench, in both protocols, through the deployed gateway with this connection's real policy,
   * masking and strict recording: every transaction completes and none fails.
   */
  @Test
  void pgbenchRunsThroughTheDeployedGateway() throws Exception {
    TargetDatabase target = TargetDatabase.shared();
    Map<String, String> superuser = Map.of("PGPASSWORD", TargetDatabase.SUPERUSER_PASSWORD);
    String init =
        run(
            List.of(
                "pgbench",
                "-i",
                "-q",
                "-s",
                "1",
                "-h",
                "127.0.0.1",
                "-p",
                "" + target.port(),
                "-U",
                TargetDatabase.SUPERUSER,
                TargetDatabase.DATABASE),
            superuser);
    try (Connection c = target.superuser();
        Statement s = c.createStatement()) {
      s.execute(
          "GRANT ALL ON pgbench_accounts, pgbench_branches, pgbench_tellers, pgbench_history TO "
              + TargetDatabase.APP_USER);
    }
    for (String mode : List.of("simple", "extended")) {
      String out =
          run(
              List.of(
                  "pgbench",
                  "-n",
                  "-S",
                  "-M",
                  mode,
                  "-c",
                  "2",
                  "-j",
                  "1",
                  "-t",
                  "200",
                  "-h",
                  "127.0.0.1",
                  "-p",
                  "" + PG_PORT,
                  "-U",
                  "dana",
                  CONNECTION),
              Map.of("PGPASSWORD", dba, "PGSSLMODE", "require"));
      assertTrue(
          out.contains("number of transactions actually processed: 400/400"),
          mode + ": every transaction completed: " + out + " (init: " + init + ")");
      assertTrue(out.contains("number of failed transactions: 0"), mode + ": none failed: " + out);
    }
  }

  private static String run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), command + " finishes");
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), command + ": " + out);
    return out;
  }

  private static JsonObject awaitSessionWith(String marker) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> list =
          get("/api/v1/sessions?identity=dana&connection=" + CONNECTION + "&limit=20", admin);
      assertEquals(200, list.statusCode(), "sessions list: " + list.body());
      for (var value : Json.createReader(new StringReader(list.body())).readArray()) {
        JsonObject session = value.asJsonObject();
        // Closed, and its recording complete: the close call can come before the shipper has
        // stored the session's last events.
        JsonArray events = events(session.getString("id"));
        if (events.toString().contains(marker)
            && !"active".equals(session.getString("status"))
            && events.stream()
                .map(JsonObject.class::cast)
                .anyMatch(e -> "session-end".equals(e.getString("type")))) {
          return session;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "no closed session with a complete recording recorded the marker " + marker);
  }

  private static JsonArray events(String sessionId) {
    HttpResponse<String> events = get("/api/v1/sessions/" + sessionId + "/events", admin);
    assertEquals(200, events.statusCode(), "events: " + events.body());
    return Json.createReader(new StringReader(events.body())).readArray();
  }

  static String base() {
    return Gateway.BASE;
  }
}
