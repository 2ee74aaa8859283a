package io.gatehouse.masking;

/**
 * Finds sensitive values inside text. Implementations are stateless and thread-safe, match ASCII
 * only, and report non-overlapping spans in increasing order.
 */
public interface Detector {

  DetectorKind kind();

  /**
   * The pre-filter: false when a text with this {@link TextProfile} cannot contain a match, so the
   * caller skips {@link #find}. Must never be false for a text that does contain one.
   */
  boolean admits(long profile);

  /** Reports every match in {@code text} to {@code sink}. */
  void find(CharSequence text, MatchSink sink);
}
