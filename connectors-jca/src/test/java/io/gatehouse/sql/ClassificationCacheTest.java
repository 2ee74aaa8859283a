package io.gatehouse.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassificationCacheTest {

  @Test
  void aHitDoesNotClassifyAgain() {
    ClassificationCache cache = new ClassificationCache(10);
    AtomicInteger calls = new AtomicInteger();
    Classification first = cache.get("select ?", s -> count(calls, ShapeClassifier.classify(s)));
    Classification second = cache.get("select ?", s -> count(calls, ShapeClassifier.classify(s)));
    assertEquals(1, calls.get());
    assertSame(first, second);
  }

  @Test
  void statementsDifferingOnlyInLiteralsShareOneEntry() {
    ClassificationCache cache = new ClassificationCache(10);
    SqlClassifier classifier = new SqlClassifier(cache);
    classifier.classify("select * from t where a = 1; select * from t where a = 'x'");
    classifier.classify("SELECT * FROM t WHERE a = $$y$$");
    assertEquals(1, cache.size());
  }

  @Test
  void staysWithinItsBound() {
    ClassificationCache cache = new ClassificationCache(10);
    SqlClassifier classifier = new SqlClassifier(cache);
    for (int i = 0; i < 200; i++) {
      classifier.classify("select c" + i + " from t");
      assertTrue(cache.size() <= 10, () -> "size " + cache.size());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void rejectsAnEmptyBound(int maxEntries) {
    assertThrows(IllegalArgumentException.class, () -> new ClassificationCache(maxEntries));
  }

  @Test
  void defaultBoundIsTenThousand() {
    assertEquals(10_000, new ClassificationCache().maxEntries());
  }

  /** Many threads, a cache small enough to evict constantly: results equal uncached ones. */
  @Test
  void concurrentUseGivesTheUncachedResults() throws Exception {
    SqlClassifier shared = new SqlClassifier(new ClassificationCache(8));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        long seed = thread;
        futures.add(pool.submit(() -> classifyRandomly(shared, new Random(seed))));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Void classifyRandomly(SqlClassifier shared, Random random) {
    String[] statements = {
      "select * from t where a = 1",
      "delete from t",
      "update t set a = 2 where b = 3",
      "select pg_read_file('x')",
      "drop table t",
      "with d as (delete from u returning *) " + "select * from d",
      "copy t to stdout",
      "xyzzy",
      "insert into t values (1)",
      "select * from s.\"T\"",
      "explain analyze delete from t",
      "grant update on t to bob",
    };
    for (int i = 0; i < 300; i++) {
      String sql = statements[random.nextInt(statements.length)];
      StatementInfo cached = shared.classify(sql).get(0);
      StatementInfo uncached = new SqlClassifier(new ClassificationCache(1)).classify(sql).get(0);
      assertEquals(uncached, cached, sql);
    }
    return null;
  }

  @Test
  void resultsAreImmutable() {
    StatementInfo info = new SqlClassifier().classify("select pg_read_file('x') from t").get(0);
    Set<StatementKind> kinds = info.kinds();
    assertThrows(UnsupportedOperationException.class, () -> kinds.add(StatementKind.DROP));
  }

  private static Classification count(AtomicInteger calls, Classification c) {
    calls.incrementAndGet();
    return c;
  }
}
