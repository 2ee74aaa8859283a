package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.FrontendEncoder;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.copy.CopyManager;

/**
 * COPY, cancel (routed to the named session only), LISTEN/NOTIFY and pgbench through the gateway,
 * against a real PostgreSQL.
 */
@ExtendWith(PostgresCluster.class)
class PgProxyProtocolTest {

  static ProxyHarness proxy;
  static PostgresCluster cluster;

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    cluster = pg;
    proxy =
        new ProxyHarness(
            pg,
            null,
            (plan, client) ->
                new SessionRules(
                    false,
                    PgProxyTest.TEST_GUARD,
                    PgProxyTest.CARD_COLUMN_MASKING,
                    (type, json, verdict) -> {}));
    try (Connection c = pg.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS copy_cards");
      s.execute("CREATE TABLE copy_cards (id int primary key, name text, card text)");
      s.execute("INSERT INTO copy_cards VALUES (1, 'Ann', '4111111111111111')");
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
  void copyOutIsMaskedAndCopyInWorks() throws Exception {
    try (Connection c = connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long loaded =
          copy.copyIn(
              "COPY copy_cards FROM STDIN WITH (FORMAT csv)",
              new StringReader("2,Bob,5500000000000004\n3,Cid,none\n"));
      assertEquals(2, loaded, "COPY FROM STDIN loaded both rows through the gateway");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      copy.copyOut("COPY (SELECT * FROM copy_cards ORDER BY id) TO STDOUT WITH (FORMAT csv)", out);
      String csv = out.toString(StandardCharsets.UTF_8);
      assertTrue(csv.contains("2,Bob,5500000000000004"), "other rows as stored: " + csv);
      assertFalse(csv.contains("4111111111111111"), "the card is masked in COPY OUT: " + csv);
    }
  }

  @Test
  void aCancelRequestReachesTheRightBackend() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      CompletableFuture<SQLException> running = runAsync(s, "SELECT pg_sleep(30) /* single */");
      awaitSleeping("/* single */");
      assertCancelledSoon(s, running);
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next(), "the session is still usable after the cancel");
      }
    }
  }

  @Test
  void aCancelReachesOnlyTheSessionItNames() throws Exception {
    try (Connection one = connect();
        Connection other = connect();
        Statement cancelled = one.createStatement();
        Statement untouched = other.createStatement()) {
      CompletableFuture<SQLException> sleepingLong =
          runAsync(cancelled, "SELECT pg_sleep(30) /* one */");
      CompletableFuture<SQLException> sleepingShort =
          runAsync(untouched, "SELECT pg_sleep(2) /* other */");
      awaitSleeping("/* one */", "/* other */");
      assertCancelledSoon(cancelled, sleepingLong);
      assertNull(
          sleepingShort.get(10, TimeUnit.SECONDS), "the other session's sleep completed normally");
    }
  }

  @Test
  void aCancelRequestWithAWrongSecretCancelsNothing() throws Exception {
    try (RawClient session = new RawClient(proxy.port())) {
      BackendMessage.BackendKeyData key =
          session.logIn("orders").stream()
              .filter(BackendMessage.BackendKeyData.class::isInstance)
              .map(BackendMessage.BackendKeyData.class::cast)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no BackendKeyData"));
      session.send(FrontendEncoder.query("SELECT pg_sleep(2) /* wrong-key */"));
      awaitSleeping("/* wrong-key */");
      sendCancel(key.processId(), key.secretKey() + 1);
      List<BackendMessage> replies = session.untilReady();
      assertFalse(
          replies.stream().anyMatch(BackendMessage.ErrorResponse.class::isInstance),
          "the sleep ran to its end: " + replies);
      assertTrue(
          replies.contains(new BackendMessage.CommandComplete("SELECT 1")),
          "completed: " + replies);

      session.send(FrontendEncoder.query("SELECT pg_sleep(30) /* right-key */"));
      awaitSleeping("/* right-key */");
      sendCancel(key.processId(), key.secretKey());
      BackendMessage first = session.next();
      while (first instanceof BackendMessage.RowDescription) {
        first = session.next();
      }
      ErrorFields error =
          assertInstanceOf(BackendMessage.ErrorResponse.class, first, "the same key, right")
              .fields();
      assertEquals("57014", error.fields().get(ErrorFields.CODE), "query_canceled: " + error);
    }
  }

  /** Cancels through the driver (a CancelRequest with the session's key) and sees it end soon. */
  private static void assertCancelledSoon(
      Statement statement, CompletableFuture<SQLException> running) throws Exception {
    long start = System.nanoTime();
    statement.cancel();
    SQLException cancelled = running.get(10, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertNotNull(cancelled, "the sleep was interrupted");
    assertEquals("57014", cancelled.getSQLState(), "query_canceled: " + cancelled.getMessage());
    assertTrue(millis < 5_000, "cancelled in " + millis + " ms, not after the 30 s sleep");
  }

  private static void sendCancel(int processId, int secretKey) throws Exception {
    try (RawClient canceller = new RawClient(proxy.port())) {
      canceller.send(FrontendEncoder.cancelRequest(processId, secretKey));
      assertTrue(canceller.closedByGateway(), "a CancelRequest gets no answer but the hang-up");
    }
  }

  private static CompletableFuture<SQLException> runAsync(Statement statement, String sql) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            statement.execute(sql);
            return null;
          } catch (SQLException e) {
            return e;
          }
        });
  }

  /** Waits (bounded) until the backend runs a query containing each marker. */
  private static void awaitSleeping(String... markers) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection c = cluster.connect(PostgresCluster.SUPERUSER);
        PreparedStatement running =
            c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND wait_event = 'PgSleep' AND strpos(query, ?) > 0")) {
      for (String marker : markers) {
        running.setString(1, marker);
        while (true) {
          try (ResultSet rs = running.executeQuery()) {
            rs.next();
            if (rs.getInt(1) > 0) {
              break;
            }
          }
          assertTrue(System.nanoTime() < deadline, "the backend runs " + marker + " in time");
          Thread.sleep(20);
        }
      }
    }
  }

  @Test
  void notificationsArePassedThrough() throws Exception {
    try (Connection listener = connect();
        Connection notifier = connect();
        Statement listen = listener.createStatement();
        Statement notify = notifier.createStatement()) {
      listen.execute("LISTEN gatehouse_test_channel");
      notify.execute("NOTIFY gatehouse_test_channel, 'hello'");
      PGNotification[] received = null;
      long deadline = System.currentTimeMillis() + 10_000;
      while ((received == null || received.length == 0) && System.currentTimeMillis() < deadline) {
        listen.execute("SELECT 1");
        received = listener.unwrap(PGConnection.class).getNotifications(500);
      }
      assertNotNull(received, "a notification arrives");
      assertEquals(1, received.length, "exactly one");
      assertEquals("gatehouse_test_channel", received[0].getName(), "its channel");
      assertEquals("hello", received[0].getParameter(), "its payload");
    }
  }

  @Test
  void pgbenchRunsThroughTheGatewayInBothProtocols() throws Exception {
    ProcessBuilder init =
        new ProcessBuilder(
                "pgbench",
                "-i",
                "-s",
                "1",
                "-q",
                "host=127.0.0.1 port="
                    + cluster.port()
                    + " dbname=gatehouse_test sslmode=disable"
                    + " user="
                    + PostgresCluster.SUPERUSER)
            .redirectErrorStream(true);
    init.environment().put("PGPASSWORD", cluster.password(PostgresCluster.SUPERUSER));
    Process initRun = init.start();
    assertTrue(initRun.waitFor(120, TimeUnit.SECONDS), "pgbench -i finishes");
    assertEquals(0, initRun.exitValue(), new String(initRun.getInputStream().readAllBytes()));
    for (String mode : new String[] {"simple", "extended", "prepared"}) {
      ProcessBuilder bench =
          new ProcessBuilder(
                  "pgbench",
                  "-n",
                  "-S",
                  "-M",
                  mode,
                  "-c",
                  "4",
                  "-j",
                  "2",
                  "-t",
                  "200",
                  "host=127.0.0.1 port=" + proxy.port() + " dbname=orders user=a sslmode=disable")
              .redirectErrorStream(true);
      bench.environment().put("PGPASSWORD", ProxyHarness.GOOD_TOKEN);
      Process run = bench.start();
      assertTrue(run.waitFor(120, TimeUnit.SECONDS), "pgbench -M " + mode + " finishes");
      String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, run.exitValue(), "pgbench -M " + mode + ": " + output);
      assertTrue(
          output.contains("number of transactions actually processed: 800/800"),
          "every transaction ran with -M " + mode + ": " + output);
    }
  }

  @Test
  void aStatementBlockedInsideCopyDoesNotHappen() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              try (Connection c = connect()) {
                c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                        "COPY copy_cards FROM PROGRAM 'true'; DROP TABLE copy_cards",
                        new StringReader(""));
              }
            });
    assertTrue(e.getMessage().contains("no-drop"), "refused by the rule: " + e.getMessage());
  }
}
