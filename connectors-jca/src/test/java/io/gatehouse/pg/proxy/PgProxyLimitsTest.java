package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.policy.SessionTimeouts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Session limits and recording through the real listener to a real PostgreSQL with the JDBC driver:
 * the gateway's idle timeouts, the target's statement_timeout passed through, and bind parameters
 * recorded masked.
 */
@ExtendWith(PostgresCluster.class)
class PgProxyLimitsTest {

  static ProxyHarness proxy;
  static volatile SessionTimeouts timeouts = SessionTimeouts.NONE;

  static final MaskingPlan CARDS = MaskingPlan.compile(List.of(ProxyHarness.cardDetector()), null);

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    proxy =
        ProxyHarness.allowingAll(
            pg,
            new PlanMasking(CARDS),
            (type, json, verdict) -> proxy.events.add(type + " " + json),
            () -> timeouts);
    try (Connection c = pg.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS limits_payments");
      s.execute("CREATE TABLE limits_payments (id int primary key, card text)");
      s.execute("INSERT INTO limits_payments VALUES (1, '4111111111111111')");
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
  void statementTimeoutSetByTheClientReachesTheTargetAndTheSessionStaysUsable() throws Exception {
    timeouts = SessionTimeouts.NONE;
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = '300ms'");
      long start = System.nanoTime();
      SQLException e =
          assertThrows(SQLException.class, () -> s.execute("SELECT pg_sleep(5)"), "cancelled");
      assertEquals("57014", e.getSQLState(), "query_canceled: " + e.getMessage());
      assertTrue(
          e.getMessage().contains("statement timeout"), "the target's message: " + e.getMessage());
      assertTrue((System.nanoTime() - start) / 1_000_000 < 4_000, "cancelled well before 5 s");
      try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
        assertTrue(rs.next(), "the session is still usable");
        assertEquals("300ms", rs.getString(1), "and the setting is still in force");
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_sleep(?)")) {
        ps.setDouble(1, 5);
        SQLException extended = assertThrows(SQLException.class, ps::executeQuery, "extended");
        assertEquals("57014", extended.getSQLState(), "extended protocol too");
      }
      try (ResultSet rs = s.executeQuery("SELECT 42")) {
        assertTrue(rs.next(), "usable after the extended-protocol timeout");
        assertEquals(42, rs.getInt(1), "the answer");
      }
    }
  }

  @Test
  void anIdleSessionIsEndedWithAFatalNamingTheTimeout() throws Exception {
    timeouts = new SessionTimeouts(1, 0);
    int before = proxy.outcomes.size();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT pg_sleep(1.5), 1")) {
        assertTrue(rs.next(), "a statement running longer than the limit is not idle time");
      }
      Thread.sleep(2_500);
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
      assertEquals("57P05", e.getSQLState(), "idle_session_timeout: " + e.getMessage());
      assertTrue(
          e.getMessage().contains("idle-session timeout")
              && e.getMessage().contains("timeouts.idleSeconds"),
          "names the timeout and the setting: " + e.getMessage());
    } finally {
      timeouts = SessionTimeouts.NONE;
    }
    SessionOutcome outcome = awaitOutcome(before);
    assertEquals("idle-timeout", outcome.reason(), "recorded as ended for idleness");
    assertTrue(
        proxy.events.stream()
            .anyMatch(
                ev -> ev.startsWith("session-end") && ev.contains("\"reason\":\"idle-timeout\"")),
        "the session-end event says why: " + proxy.events);
  }

  @Test
  void anIdleTransactionIsEndedAndRolledBack() throws Exception {
    timeouts = new SessionTimeouts(0, 1);
    int before = proxy.outcomes.size();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO limits_payments VALUES (99, null)");
      Thread.sleep(2_500);
      SQLException e = assertThrows(SQLException.class, c::commit);
      assertEquals("25P03", e.getSQLState(), "idle_in_transaction: " + e.getMessage());
      assertTrue(
          e.getMessage().contains("idle-in-transaction timeout"),
          "names the timeout: " + e.getMessage());
    } finally {
      timeouts = SessionTimeouts.NONE;
    }
    assertEquals("idle-in-transaction-timeout", awaitOutcome(before).reason(), "recorded");
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM limits_payments WHERE id = 99")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "the open transaction was rolled back, not committed");
    }
  }

  @Test
  void anIdleLimitLeavesAnIdleTransactionAlone() throws Exception {
    timeouts = new SessionTimeouts(0, 30);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      Thread.sleep(1_200);
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next(), "outside a transaction only idleSeconds applies (off here)");
      }
    } finally {
      timeouts = SessionTimeouts.NONE;
    }
  }

  @Test
  void bindParametersAreRecordedMasked() throws Exception {
    proxy.events.clear();
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement("SELECT id FROM limits_payments WHERE card = ? AND id = ?::int")) {
      ps.setString(1, "4111111111111111");
      ps.setString(2, "1");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "the real value reached the target and matched");
        assertEquals(1, rs.getInt(1), "the row");
      }
    }
    List<String> binds = proxy.events.stream().filter(e -> e.startsWith("bind ")).toList();
    assertFalse(binds.isEmpty(), "the Bind was recorded: " + proxy.events);
    assertTrue(
        binds.stream().anyMatch(e -> e.contains("\"************1111\"") && e.contains("\"1\"")),
        "the card parameter is masked, the other kept: " + binds);
    assertFalse(
        proxy.events.stream().anyMatch(e -> e.contains("4111111111111111")),
        "the card number is in no event: " + proxy.events);
  }

  /**
   * The JDBC driver sends numbers and UUIDs in binary once a statement is prepared: they are
   * recorded read by their declared type (a card number sent as a bigint masked like any other),
   * not by size only; a type the gateway does not read (bytea) stays by size.
   */
  @Test
  void binaryBindParametersAreRecordedReadAndMasked() throws Exception {
    proxy.events.clear();
    java.util.UUID uuid = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ?::int4 + 1, ?::int8, ?::float8, ?::bool, ?::uuid, ?::int2, ?::bytea")) {
      ps.setInt(1, 41);
      ps.setLong(2, 4111111111111111L);
      ps.setDouble(3, 2.5);
      ps.setBoolean(4, true);
      ps.setObject(5, uuid);
      ps.setShort(6, (short) -7);
      ps.setBytes(7, new byte[] {1, 2, 3});
      for (int run = 0; run < 6; run++) { // the driver switches to binary once it prepares
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(42, rs.getInt(1), "the real values reached the target");
        }
      }
    }
    List<String> binds = proxy.events.stream().filter(e -> e.startsWith("bind ")).toList();
    String last = binds.get(binds.size() - 1);
    assertTrue(
        last.contains(
            "\"params\":[\"41\",\"************1111\",\"2.5\",\"TRUE\",\"" + uuid + "\",\"-7\","),
        "read by type, the card masked: " + last);
    assertTrue(last.contains("\"<binary 3 bytes>\""), "bytea stays by size: " + last);
    assertFalse(
        proxy.events.stream().anyMatch(e -> e.contains("4111111111111111")),
        "the card number is in no event: " + proxy.events);
  }

  private static SessionOutcome awaitOutcome(int before) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (proxy.outcomes.size() <= before && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(proxy.outcomes.size() > before, "the session ended");
    return proxy.outcomes.get(proxy.outcomes.size() - 1);
  }
}
