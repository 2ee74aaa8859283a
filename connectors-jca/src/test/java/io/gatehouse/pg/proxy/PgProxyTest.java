package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.DataRowRewriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PostgreSQL path end to end in process: the JDBC driver and psql through the listener to a
 * real PostgreSQL. The statement guard here is a test stand-in (any statement mentioning DROP is
 * blocked); the real classifier and policy have their own tests.
 */
@ExtendWith(PostgresCluster.class)
class PgProxyTest {

  static ProxyHarness proxy;

  static final StatementGuard TEST_GUARD =
      sql ->
          sql.toUpperCase(Locale.ROOT).contains("DROP")
              ? new Verdict(Verdict.Outcome.BLOCK, "no-drop", "DROP is not allowed here", "DROP")
              : Verdict.allow("SELECT");

  static final ResultMasking CARD_COLUMN_MASKING =
      new ResultMasking() {
        @Override
        public DataRowRewriter forColumns(List<BackendMessage.Field> fields) {
          int[] cards =
              IntStream.range(0, fields.size())
                  .filter(i -> fields.get(i).name().equals("card"))
                  .toArray();
          return cards.length == 0
              ? null
              : DataRowRewriter.ofBytes(cards, v -> "****".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String maskText(String text) {
          return text.replaceAll("4111111111111111", "****");
        }

        @Override
        public boolean active() {
          return true;
        }
      };

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    proxy =
        new ProxyHarness(
            pg,
            null,
            (plan, client) ->
                new SessionRules(
                    false,
                    TEST_GUARD,
                    CARD_COLUMN_MASKING,
                    (type, json, verdict) ->
                        proxy.events.add(
                            type + (verdict == null ? "" : ":" + verdict.outcome()) + " " + json)));
    try (Connection c = pg.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS customers");
      s.execute("CREATE TABLE customers (id int primary key, name text, card text)");
      s.execute("INSERT INTO customers VALUES (1, 'Ann', '4111111111111111'), (2, 'Bob', null)");
    }
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(proxy.jdbcUrl("orders", "disable"));
  }

  @Test
  void simpleAndExtendedQueriesWorkThroughTheGateway() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
      assertTrue(rs.next(), "one row");
      assertEquals(42, rs.getInt(1), "the target computed it");
    }
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
      for (int i = 0; i < 8; i++) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "row for id 1, run " + i);
          assertEquals("Ann", rs.getString(1), "extended protocol result, run " + i);
        }
      }
    }
  }

  @Test
  void aMaskedColumnNeverReachesTheClient() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, card FROM customers ORDER BY id")) {
      assertTrue(rs.next(), "first row");
      assertEquals("Ann", rs.getString("name"), "unmasked column passes through");
      assertEquals("****", rs.getString("card"), "masked column rewritten");
      assertTrue(rs.next(), "second row");
      assertEquals(null, rs.getString("card"), "NULL stays NULL");
    }
  }

  @Test
  void aBlockedStatementGetsANativeErrorAndTheSessionStaysUsable() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute("DROP TABLE customers"));
      assertEquals("42501", e.getSQLState(), "insufficient privilege");
      assertTrue(e.getMessage().contains("no-drop"), "names the rule: " + e.getMessage());
      assertTrue(e.getMessage().contains("DROP is not allowed here"), "policy message shown");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
        assertTrue(rs.next(), "the session still works");
        assertEquals(2, rs.getInt(1), "and the table is still there");
      }
    }
  }

  @Test
  void aBlockedStatementInATransactionAbortsItAsPostgresWould() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO customers VALUES (10, 'Tx', null)");
      assertThrows(SQLException.class, () -> s.execute("DROP TABLE customers"), "blocked");
      SQLException aborted =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"), "tx is aborted");
      assertEquals("25P02", aborted.getSQLState(), "in failed transaction");
      c.rollback();
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM customers WHERE id = 10")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "the insert before the blocked statement was rolled back");
      }
    }
  }

  @Test
  void aBlockedStatementInAPipelinedBatchFailsAtItsPlace() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.addBatch("INSERT INTO customers VALUES (20, 'Batch', null)");
      s.addBatch("DROP TABLE customers");
      s.addBatch("INSERT INTO customers VALUES (21, 'Batch', null)");
      SQLException e = assertThrows(SQLException.class, s::executeBatch);
      assertTrue(
          String.valueOf(e.getNextException()).contains("no-drop")
              || e.getMessage().contains("no-drop"),
          "the batch error names the rule: " + e);
    }
  }

  @Test
  void aWrongTokenIsRefusedWithAClearFatal() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:"
                        + proxy.port()
                        + "/orders?sslmode=disable&user=alice&password=forged"));
    assertEquals("28P01", e.getSQLState(), "invalid password class");
    assertTrue(e.getMessage().contains("token is not valid"), "says why: " + e.getMessage());
  }

  @Test
  void anUnknownConnectionIsNamedInTheError() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(proxy.jdbcUrl("nope", "disable")));
    assertEquals("28000", e.getSQLState(), "invalid authorization");
    assertTrue(e.getMessage().contains("\"nope\""), "names the connection: " + e.getMessage());
  }

  @Test
  void garbageBeforeStartupIsRefusedAndTheListenerStaysUp() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.setSoTimeout(5_000);
      InputStream in = socket.getInputStream();
      assertEquals('E', in.read(), "a FATAL ErrorResponse comes back");
    }
    try (Connection c = connect()) {
      assertTrue(c.isValid(5), "the next client is served normally");
    }
  }

  @Test
  void aLyingLengthIsRefused() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.getOutputStream().write(new byte[] {0x7f, 0, 0, 0, 0, 3, 0, 0});
      socket.getOutputStream().flush();
      socket.setSoTimeout(5_000);
      assertEquals('E', socket.getInputStream().read(), "oversized startup length refused");
    }
  }

  @Test
  void psqlRunsAQueryAndSeesABlockedStatementsMessage() throws Exception {
    ProcessBuilder ok = psql("SELECT name FROM customers WHERE id = 1").redirectErrorStream(true);
    Process run = ok.start();
    assertTrue(run.waitFor(30, TimeUnit.SECONDS), "psql finishes");
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, run.exitValue(), "psql exit status: " + output);
    assertTrue(output.contains("Ann"), "psql shows the row: " + output);

    Process blocked = psql("DROP TABLE customers").redirectErrorStream(true).start();
    assertTrue(blocked.waitFor(30, TimeUnit.SECONDS), "psql finishes");
    String error = new String(blocked.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertFalse(blocked.exitValue() == 0, "psql fails on a blocked statement");
    assertTrue(error.contains("blocked by rule \"no-drop\""), "psql shows the rule: " + error);
  }

  @Test
  void aCleanlyClosedSessionReturnsItsBackendToThePool() throws Exception {
    proxy.events.clear();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
    long deadline = System.currentTimeMillis() + 5_000;
    while (!proxy.events.contains("backend-returned") && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(
        proxy.events.contains("backend-returned"), "returned, not discarded: " + proxy.events);
    assertTrue(
        proxy.events.stream().anyMatch(e -> e.startsWith("statement:ALLOW {\"sql\":\"SELECT 1\"")),
        "the statement was recorded with its verdict: " + proxy.events);
  }

  private ProcessBuilder psql(String sql) {
    ProcessBuilder builder =
        new ProcessBuilder(
            "psql",
            "host=127.0.0.1 port=" + proxy.port() + " dbname=orders user=alice sslmode=disable",
            "-v",
            "ON_ERROR_STOP=1",
            "-X",
            "-A",
            "-t",
            "-c",
            sql);
    builder.environment().put("PGPASSWORD", ProxyHarness.GOOD_TOKEN);
    return builder;
  }
}
