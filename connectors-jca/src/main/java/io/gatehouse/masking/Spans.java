package io.gatehouse.masking;

import java.util.Arrays;

/**
 * The spans to mask in one text, each with the strategy of the rule whose detector found it.
 * Reusable scratch space: not thread-safe.
 */
final class Spans implements MatchSink {
  private int[] starts = new int[8];
  private int[] ends = new int[8];
  private MaskStrategy[] strategies = new MaskStrategy[8];
  private int size;
  private MaskStrategy current = MaskStrategy.REDACT;

  void clear() {
    size = 0;
  }

  /** The strategy recorded with the spans added from now on. */
  void use(MaskStrategy strategy) {
    current = strategy;
  }

  @Override
  public void match(int start, int end) {
    if (end <= start) {
      return;
    }
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
      strategies = Arrays.copyOf(strategies, size * 2);
    }
    starts[size] = start;
    ends[size] = end;
    strategies[size] = current;
    size++;
  }

  int size() {
    return size;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  MaskStrategy strategy(int i) {
    return strategies[i];
  }

  /**
   * Sorts by start and merges overlapping spans into their union, keeping the strategy that reveals
   * least (redact, then hash, then partial), so overlapping rules never leak.
   */
  void normalize() {
    for (int i = 1; i < size; i++) {
      for (int j = i; j > 0 && starts[j - 1] > starts[j]; j--) {
        swap(j - 1, j);
      }
    }
    int out = 0;
    for (int i = 0; i < size; i++) {
      if (out > 0 && starts[i] < ends[out - 1]) {
        ends[out - 1] = Math.max(ends[out - 1], ends[i]);
        if (strength(strategies[i]) > strength(strategies[out - 1])) {
          strategies[out - 1] = strategies[i];
        }
      } else {
        starts[out] = starts[i];
        ends[out] = ends[i];
        strategies[out] = strategies[i];
        out++;
      }
    }
    size = out;
  }

  private static int strength(MaskStrategy strategy) {
    return switch (strategy) {
      case REDACT -> 2;
      case HASH -> 1;
      case PARTIAL -> 0;
    };
  }

  private void swap(int a, int b) {
    int s = starts[a];
    starts[a] = starts[b];
    starts[b] = s;
    int e = ends[a];
    ends[a] = ends[b];
    ends[b] = e;
    MaskStrategy m = strategies[a];
    strategies[a] = strategies[b];
    strategies[b] = m;
  }
}
