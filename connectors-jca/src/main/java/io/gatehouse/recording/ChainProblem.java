package io.gatehouse.recording;

/**
 * One thing wrong with a recorded chain.
 *
 * @param sequence the event it is about (for a gap, the first missing number)
 * @param problem what is wrong, starting with a short kind: {@code hash mismatch}, {@code missing},
 *     {@code reordered}, {@code inserted}, {@code replaced}, {@code broken link}, {@code not
 *     chained}
 */
public record ChainProblem(long sequence, String problem) {}
