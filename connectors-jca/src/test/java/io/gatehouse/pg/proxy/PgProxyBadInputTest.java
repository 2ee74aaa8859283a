package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.backend.BackendConnector;
import io.gatehouse.pg.testing.PostgresCluster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input from a client that has logged in, at the real listener in front of a real
 * PostgreSQL: the gateway ends that session with a FATAL ErrorResponse naming the fault (or just
 * closes it when the client itself went away), releases its backend connection, and a session
 * opened before goes on working.
 */
@ExtendWith(PostgresCluster.class)
class PgProxyBadInputTest {

  private static final int FRONTEND_LIMIT = 64 << 20;

  static ProxyHarness proxy;
  static PostgresCluster cluster;
  private Connection other;
  private int baseline;

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    cluster = pg;
    proxy = ProxyHarness.allowingAll(pg, ResultMasking.NONE);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @BeforeEach
  void openAnotherSession() throws Exception {
    other = DriverManager.getConnection(proxy.jdbcUrl("orders", "disable"));
    assertSelectOneWorks("before");
    baseline = gatewayBackends();
  }

  @AfterEach
  void closeTheOtherSession() throws SQLException {
    other.close();
  }

  private static byte[] header(char type, int length) {
    return ByteBuffer.allocate(5).put((byte) type).putInt(length).array();
  }

  static Stream<Arguments> badInput() {
    byte[] truncatedQuery = Arrays.copyOf(RawPgSession.typed('Q', new byte[100]), 15);
    byte[] hugeThenNothing = Arrays.copyOf(header('d', 60 << 20), 15);
    return Stream.of(
        Arguments.of(
            "an unknown message type",
            RawPgSession.typed('!', new byte[0]),
            false,
            "08P01",
            "unexpected message type '!' from the client"),
        Arguments.of("a truncated frame, then end of stream", truncatedQuery, true, null, null),
        Arguments.of(
            "60 MiB declared, 10 bytes sent, then end of stream",
            hugeThenNothing,
            true,
            null,
            null),
        Arguments.of(
            "a length below 4", header('Q', 3), false, "08P01", "invalid message length 3"),
        Arguments.of(
            "a length above the frontend limit",
            header('Q', FRONTEND_LIMIT + 1),
            false,
            "54000",
            "Query message too long: " + (FRONTEND_LIMIT + 1) + " bytes, limit " + FRONTEND_LIMIT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputAfterLoginEndsOnlyThatSessionAndReleasesItsBackend(
      String name, byte[] bytes, boolean thenEnd, String sqlState, String message)
      throws Exception {
    List<RawPgSession.Message> seen = new ArrayList<>();
    try (RawPgSession bad = RawPgSession.login(proxy.port())) {
      assertEquals(baseline + 1, gatewayBackends(), name + ": the bad session has its backend");
      bad.send(bytes);
      if (thenEnd) {
        bad.shutdownOutput();
      }
      for (RawPgSession.Message m = bad.read(); m != null; m = bad.read()) {
        seen.add(m);
      }
    }
    if (sqlState == null) {
      assertTrue(seen.isEmpty(), name + ": closed without a word: " + seen);
    } else {
      assertEquals(1, seen.size(), name + ": one message, then the close: " + seen);
      assertEquals('E', seen.get(0).type(), name + ": an ErrorResponse");
      Map<Character, String> fields = seen.get(0).fields();
      assertEquals("FATAL", fields.get('S'), name + ": severity");
      assertEquals(sqlState, fields.get('C'), name + ": SQLSTATE");
      assertTrue(fields.get('M').contains(message), name + ": names the fault: " + fields);
    }
    assertSelectOneWorks("after " + name);
    awaitBackends(baseline, name);
    assertSelectOneWorks("after " + name + " was cleaned up");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void theSameFaultsAfterAQueryEndTheSessionAndItsBackendProcess(
      String name, byte[] bytes, boolean thenEnd, String sqlState, String message)
      throws Exception {
    int pid;
    RawPgSession.Message last = null;
    try (RawPgSession bad = RawPgSession.login(proxy.port())) {
      bad.send(
          RawPgSession.typed('Q', "SELECT pg_backend_pid()\0".getBytes(StandardCharsets.UTF_8)));
      pid = -1;
      for (RawPgSession.Message m = bad.read(); m.type() != 'Z'; m = bad.read()) {
        if (m.type() == 'D') {
          pid =
              Integer.parseInt(
                  new String(m.body(), 6, m.body().length - 6, StandardCharsets.US_ASCII));
        }
      }
      assertTrue(isRunning(pid), name + ": the query ran on backend process " + pid);
      bad.send(bytes);
      if (thenEnd) {
        bad.shutdownOutput();
      }
      for (RawPgSession.Message m = bad.read(); m != null; m = bad.read()) {
        last = m;
      }
    }
    if (sqlState == null) {
      assertNull(last, name + ": closed without a word");
    } else {
      assertNotNull(last, name + ": an ErrorResponse before the close");
      assertEquals(sqlState, last.fields().get('C'), name + ": SQLSTATE");
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (isRunning(pid) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(isRunning(pid), name + ": backend process " + pid + " has ended");
    assertSelectOneWorks("after " + name);
  }

  private static boolean isRunning(int pid) throws SQLException {
    try (Connection c = cluster.connect(PostgresCluster.SUPERUSER);
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
      ps.setInt(1, pid);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) == 1;
      }
    }
  }

  private void assertSelectOneWorks(String when) throws SQLException {
    try (Statement s = other.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertTrue(rs.next(), "the other session answers " + when);
      assertEquals(1, rs.getInt(1), "the other session's result " + when);
    }
  }

  /**
   * The target's connections still under the gateway's application name: every raw session's
   * backend (the JDBC driver's session reports its own name).
   */
  private static int gatewayBackends() throws SQLException {
    try (Connection c = cluster.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                    + BackendConnector.APPLICATION_NAME
                    + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void awaitBackends(int expected, String name) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    int count = gatewayBackends();
    while (count != expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      count = gatewayBackends();
    }
    assertEquals(expected, count, name + ": the bad session's backend connection was released");
  }
}
