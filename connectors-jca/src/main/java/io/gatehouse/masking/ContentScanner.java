package io.gatehouse.masking;

import java.util.List;

/**
 * A fixed set of detectors, each with the strategy of its rule, run over one text at a time.
 * Immutable and thread-safe; the caller brings the {@link Spans} scratch space.
 */
final class ContentScanner {
  static final ContentScanner NONE = new ContentScanner(List.of(), List.of());

  private final Detector[] detectors;
  private final MaskStrategy[] strategies;

  /** Checked here, not through the detectors, so the check is a few inlined compares. */
  private final Prefilter[] prefilters;

  /** A profile every pre-filter admits. */
  private static final long ADMITS_ALL = Long.MAX_VALUE;

  /** No text shorter than this can match (Integer.MAX_VALUE when there are no detectors). */
  private final int minLength;

  /**
   * When every detector only needs the same run of digits (the payment card detector alone): its
   * length, looked for instead of making a profile; else 0.
   */
  private final int minRun;

  ContentScanner(List<Detector> detectors, List<MaskStrategy> strategies) {
    if (detectors.size() != strategies.size()) {
      throw new IllegalArgumentException("one strategy per detector");
    }
    this.detectors = detectors.toArray(new Detector[0]);
    this.strategies = strategies.toArray(new MaskStrategy[0]);
    this.prefilters = detectors.stream().map(Detector::prefilter).toArray(Prefilter[]::new);
    int shortest = Integer.MAX_VALUE;
    int run = -1;
    boolean sameRun = prefilters.length > 0;
    for (Prefilter prefilter : prefilters) {
      shortest = Math.min(shortest, prefilter.minLength());
      sameRun &= prefilter.runOnly() && (run == -1 || run == prefilter.minRun());
      run = prefilter.minRun();
    }
    this.minLength = shortest;
    this.minRun = sameRun ? run : 0;
  }

  /**
   * The profile of {@code utf8[off, off + len)} when some detector may match it, else -1. When
   * every detector only needs the same digit run (the payment card detector alone), a cheap look
   * for that run stands in for the profile: what it admits, every detector scans.
   */
  long admit(byte[] utf8, int off, int len) {
    if (len < minLength) {
      return -1;
    }
    if (minRun > 0) {
      return TextProfile.mayHaveRun(utf8, off, len, minRun) ? ADMITS_ALL : -1;
    }
    long profile = TextProfile.of(utf8, off, len);
    return admits(profile) ? profile : -1;
  }

  int minLength() {
    return minLength;
  }

  boolean isEmpty() {
    return detectors.length == 0;
  }

  /** The strategy for {@code kind}, or null when this scanner does not run that detector. */
  MaskStrategy strategyFor(DetectorKind kind) {
    for (int i = 0; i < detectors.length; i++) {
      if (detectors[i].kind() == kind) {
        return strategies[i];
      }
    }
    return null;
  }

  /** True when any detector's pre-filter admits a text with this profile. */
  boolean admits(long profile) {
    for (Prefilter prefilter : prefilters) {
      if (prefilter.admits(profile)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the matches in {@code text} to {@code spans} (not cleared first) and normalizes them.
   * Detectors whose pre-filter rejects {@code profile} do not run.
   */
  void scan(CharSequence text, long profile, Spans spans) {
    for (int i = 0; i < detectors.length; i++) {
      if (prefilters[i].admits(profile)) {
        spans.use(strategies[i]);
        detectors[i].find(text, spans);
      }
    }
    spans.normalize();
  }
}
