package io.gatehouse.masking;

/**
 * Finds sensitive values inside text. Implementations are stateless and thread-safe, match ASCII
 * only, and report non-overlapping spans in increasing order.
 */
public interface Detector {

  DetectorKind kind();

  /**
   * The pre-filter: what a text must contain for this detector to find anything in it. Must never
   * reject a text that does contain a match.
   */
  Prefilter prefilter();

  /** False when a text with this {@link TextProfile} cannot contain a match. */
  default boolean admits(long profile) {
    return prefilter().admits(profile);
  }

  /** Reports every match in {@code text} to {@code sink}. */
  void find(CharSequence text, MatchSink sink);
}
