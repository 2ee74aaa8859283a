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

  ContentScanner(List<Detector> detectors, List<MaskStrategy> strategies) {
    if (detectors.size() != strategies.size()) {
      throw new IllegalArgumentException("one strategy per detector");
    }
    this.detectors = detectors.toArray(new Detector[0]);
    this.strategies = strategies.toArray(new MaskStrategy[0]);
    this.prefilters = detectors.stream().map(Detector::prefilter).toArray(Prefilter[]::new);
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
