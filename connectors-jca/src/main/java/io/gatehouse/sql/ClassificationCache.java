package io.gatehouse.sql;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bounded, thread-safe map from statement shape to classification, so a repeated statement is
 * classified at the cost of one lexer pass and a hash lookup.
 *
 * <p>Sound because a classification is computed from the shape alone ({@link ShapeClassifier}):
 * kinds, relations and functions come from keywords and identifiers, which the shape keeps; only
 * literals are replaced, and no classification reads a literal.
 *
 * <p>Reads take no lock. When full, an insertion evicts an arbitrary entry (the first the map's
 * iterator yields): cheaper than LRU bookkeeping on every hit, and a workload's hot shapes are
 * re-inserted at once if evicted. Threads inserting at the same moment may each add one entry past
 * the bound before the next insertion evicts again.
 */
public final class ClassificationCache {
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private final ConcurrentHashMap<String, Classification> entries = new ConcurrentHashMap<>();
  private final int maxEntries;

  public ClassificationCache() {
    this(DEFAULT_MAX_ENTRIES);
  }

  public ClassificationCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  Classification get(String shape, Function<String, Classification> classifier) {
    Classification cached = entries.get(shape);
    if (cached != null) {
      return cached;
    }
    Classification computed = classifier.apply(shape);
    evictIfFull();
    Classification raced = entries.putIfAbsent(shape, computed);
    return raced != null ? raced : computed;
  }

  private void evictIfFull() {
    Iterator<String> keys = entries.keySet().iterator();
    while (entries.size() >= maxEntries && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }

  public int size() {
    return entries.size();
  }

  public int maxEntries() {
    return maxEntries;
  }

  public void clear() {
    entries.clear();
  }
}
