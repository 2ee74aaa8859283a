package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolRecorder;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.recording.testing.FlakyStore;
import io.gatehouse.recording.testing.MovableClock;
import io.gatehouse.sql.SqlClassifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

  @Test
  void newSessionsAreRefusedAndOpenOnesStopWhileTheStoreIsDown(
      PostgresCluster pg, @TempDir Path dir) throws Exception {
    MovableClock clock = new MovableClock();
    try (EventSpool spool = EventSpool.open(dir, false)) {
      FlakyStore store = new FlakyStore(spool, clock);
      SpoolShipper shipper = store.shipper();
      ProxyHarness proxy =
          new ProxyHarness(
              pg, null, new PolicySessionRules(new SqlClassifier(), spool, shipper, clock));
      proxy.policyDocument = "{\"name\":\"test-policy\",\"recording\":\"strict\",\"rules\":[]}";
      try (proxy;
          Connection open = connect(proxy);
          Statement s = open.createStatement()) {
        s.execute("CREATE TEMP TABLE t (n int)");
        s.execute("INSERT INTO t VALUES (1)");

        store.up(false);
        s.execute("INSERT INTO t VALUES (2)");
        MovableClock.await(
            () -> shipper.lastError() != null, "the shipper sees the store refuse a batch");
        clock.advance(SpoolRecorder.STORE_GRACE.plusSeconds(1));

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

        store.up(true);
        MovableClock.await(() -> shipper.lastError() == null, "the shipper's retry gets through");
        try (Connection again = connect(proxy);
            Statement st = again.createStatement();
            ResultSet rs = st.executeQuery("SELECT 42")) {
          assertTrue(rs.next(), "a new session works once the store takes a batch");
          assertEquals(42, rs.getInt(1));
        }
      } finally {
        store.close();
      }
    }
  }

  private static Connection connect(ProxyHarness proxy) throws SQLException {
    return DriverManager.getConnection(proxy.jdbcUrl("orders", "disable"));
  }
}
