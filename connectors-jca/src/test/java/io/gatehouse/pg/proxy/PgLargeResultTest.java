package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.masking.MaskStrategy;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.MaskingRule;
import io.gatehouse.pg.testing.PostgresCluster;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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

  private static long liveHeap(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
