package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolRecorder;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.sql.SqlClassifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict recording with the store down, through the real listener to a real PostgreSQL: once the
 * store has refused batches for longer than the grace period, a new session is refused at open with
 * a FATAL that says why, an open session stops at its next statement (which is not forwarded), and
 * both work again once the store takes a batch.
 */
@ExtendWith(PostgresCluster.class)
class PgStrictRecordingTest {

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void newSessionsAreRefusedAndOpenOnesStopWhileTheStoreIsDown(
      PostgresCluster pg, @TempDir Path dir) throws Exception {
    MovableClock clock = new MovableClock();
    AtomicBoolean storeUp = new AtomicBoolean(true);
    try (EventSpool spool = EventSpool.open(dir, false)) {
      SpoolShipper shipper =
          new SpoolShipper(
              spool,
              events -> {
                if (!storeUp.get()) {
                  throw new java.net.ConnectException("Connection refused");
                }
              },
              100,
              Duration.ofMillis(10),
              clock);
      Thread shipping = new Thread(shipper, "test-shipper");
      shipping.start();
      ProxyHarness proxy =
          new ProxyHarness(
              pg, null, new PolicySessionRules(new SqlClassifier(), spool, shipper, clock));
      proxy.policyDocument = "{\"name\":\"test-policy\",\"recording\":\"strict\",\"rules\":[]}";
      try (proxy;
          Connection open = connect(proxy);
          Statement s = open.createStatement()) {
        s.execute("CREATE TEMP TABLE t (n int)");
        s.execute("INSERT INTO t VALUES (1)");

        storeUp.set(false);
        s.execute("INSERT INTO t VALUES (2)");
        await(() -> shipper.lastError() != null, "the shipper sees the store refuse a batch");
        clock.now.set(clock.instant().plus(SpoolRecorder.STORE_GRACE).plusSeconds(1));

        SQLException refused = assertThrows(SQLException.class, () -> connect(proxy));
        assertEquals("57P03", refused.getSQLState(), "cannot connect now: " + refused);
        assertTrue(
            refused.getMessage().contains("recording store is unavailable"),
            "says why: " + refused.getMessage());

        SQLException stopped =
            assertThrows(SQLException.class, () -> s.execute("INSERT INTO t VALUES (3)"));
        assertTrue(
            stopped.getMessage().contains("not forwarded"),
            "the open session stops at its next statement: " + stopped.getMessage());

        storeUp.set(true);
        await(() -> shipper.lastError() == null, "the shipper's retry gets through");
        try (Connection again = connect(proxy);
            Statement st = again.createStatement();
            ResultSet rs = st.executeQuery("SELECT 42")) {
          assertTrue(rs.next(), "a new session works once the store takes a batch");
          assertEquals(42, rs.getInt(1));
        }
      } finally {
        shipper.stop();
        shipping.join(10_000);
      }
    }
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
      Thread.sleep(20);
    }
  }

  private static Connection connect(ProxyHarness proxy) throws SQLException {
    return DriverManager.getConnection(proxy.jdbcUrl("orders", "disable"));
  }
}
