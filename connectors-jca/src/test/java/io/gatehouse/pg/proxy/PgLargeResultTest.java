package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.masking.MaskStrategy;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.MaskingRule;
import io.gatehouse.pg.testing.PostgresCluster;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A large result streams through the gateway, masked, with bounded memory: the JDBC driver fetches
 * {@value #FETCH_SIZE} rows at a time from a result of {@code gatehouse.largeResultMb} MB (200 by
 * default; bench/pg-large-result.sh runs 1,000) while the live heap, measured after a full
 * collection every {@value #SAMPLE_ROWS} rows, stays below {@value #MAX_GROWTH_MB} MB over what it
 * was before the query.
 */
@ExtendWith(PostgresCluster.class)
class PgLargeResultTest {

  static final int FETCH_SIZE = 1_000;
  static final int SAMPLE_ROWS = 50_000;
  static final int MAX_GROWTH_MB = 48;
  static ProxyHarness proxy;

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    MaskingPlan plan =
        MaskingPlan.compile(
            List.of(
                new MaskingRule("card", List.of("card"), Optional.empty(), MaskStrategy.PARTIAL),
                ProxyHarness.cardDetector()),
            null);
    proxy = ProxyHarness.allowingAll(pg, new PlanMasking(plan));
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void aLargeMaskedResultStreamsWithoutGrowingTheHeap() throws Exception {
    int megabytes = Integer.getInteger("gatehouse.largeResultMb", 200);
    int rows = megabytes * 1_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = liveHeap(memory);
    long maxLive = baseline;
    long bytes = 0;
    long started = System.nanoTime();
    try (Connection c = DriverManager.getConnection(proxy.jdbcUrl("orders", "disable"))) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT i, repeat('x', 1000) AS payload, '4111111111111111' AS card"
                  + " FROM generate_series(1, ?) i")) {
        ps.setInt(1, rows);
        ps.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = ps.executeQuery()) {
          int seen = 0;
          while (rs.next()) {
            seen++;
            String payload = rs.getString(2);
            bytes += payload.length();
            if (!"************1111".equals(rs.getString(3))) {
              throw new AssertionError("row " + seen + " not masked: " + rs.getString(3));
            }
            if (seen % SAMPLE_ROWS == 0) {
              maxLive = Math.max(maxLive, liveHeap(memory));
            }
          }
          assertEquals(rows, seen, "every row arrived");
        }
      }
      c.commit();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    long growthMb = (maxLive - baseline) >> 20;
    System.out.printf(
        "large result: %d MB of payload in %d ms (%.0f MB/s), live heap %d MB before, max %d MB"
            + " during (growth %d MB)%n",
        bytes >> 20,
        millis,
        (bytes >> 20) * 1000.0 / Math.max(1, millis),
        baseline >> 20,
        maxLive >> 20,
        growthMb);
    assertTrue(bytes >= (long) megabytes * 1_000_000, "the whole result was read: " + bytes);
    assertTrue(
        growthMb < MAX_GROWTH_MB,
        "the live heap grew by " + growthMb + " MB while streaming " + megabytes + " MB");
  }

  /**
   * One simple query whose result is {@code gatehouse.unboundedResultMb} MB (1,000 by default: the
   * issue's 1 GB), no cursor, read by a client that first stalls for two seconds: PostgreSQL sends
   * the rows as fast as the gateway takes them, so only TCP back-pressure through the gateway keeps
   * them out of its heap. The live heap stays within {@value #MAX_GROWTH_MB} MB of what it was
   * before, while stalled and while draining; every row arrives, masked.
   */
  @Test
  void aGigabyteResultOfOneQueryStreamsToASlowReaderWithoutGrowingTheHeap() throws Exception {
    int megabytes = Integer.getInteger("gatehouse.unboundedResultMb", 1_000);
    int rows = megabytes * 1_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = liveHeap(memory);
    long started = System.nanoTime();
    try (RawPgSession session = RawPgSession.login(proxy.port())) {
      session.send(
          RawPgSession.typed(
              'Q',
              ("SELECT i, repeat('x', 1000), '4111111111111111' FROM generate_series(1, "
                      + rows
                      + ") i\0")
                  .getBytes(StandardCharsets.UTF_8)));
      Thread.sleep(2_000); // the reader stalls: the target and the gateway must wait, not buffer
      long maxLive = liveHeap(memory);
      int seen = 0;
      while (true) {
        RawPgSession.Message m = session.read();
        if (m == null) {
          throw new AssertionError("the gateway closed the connection after " + seen + " rows");
        }
        if (m.type() == 'E') {
          throw new AssertionError("error after " + seen + " rows: " + m.fields());
        }
        if (m.type() == 'Z') {
          break;
        }
        if (m.type() == 'D') {
          seen++;
          if (seen == 1 || seen == rows) {
            assertEquals("************1111", thirdColumn(m.body()), "row " + seen + " masked");
          }
          if (seen % 100_000 == 0) {
            maxLive = Math.max(maxLive, liveHeap(memory));
          }
        }
      }
      assertEquals(rows, seen, "every row arrived");
      long growthMb = (maxLive - baseline) >> 20;
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf(
          "unbounded result: %d MB in %d ms, live heap %d MB before, max %d MB (growth %d MB)%n",
          megabytes, millis, baseline >> 20, maxLive >> 20, growthMb);
      assertTrue(
          growthMb < MAX_GROWTH_MB,
          "the live heap grew by " + growthMb + " MB while " + megabytes + " MB went through");
    }
  }

  // The third value of a DataRow body, as text.
  private static String thirdColumn(byte[] row) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(row);
    b.getShort();
    for (int column = 0; column < 2; column++) {
      int length = b.getInt();
      b.position(b.position() + Math.max(0, length));
    }
    int length = b.getInt();
    return new String(row, b.position(), length, StandardCharsets.UTF_8);
  }

  private static long liveHeap(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
