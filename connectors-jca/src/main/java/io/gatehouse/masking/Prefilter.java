package io.gatehouse.masking;

/**
 * What a text must contain for a detector to possibly match, tested against a {@link TextProfile}:
 * every class in {@code allOf}, at least one in {@code anyOf} (when not 0), at least {@code
 * minDigits} digits, and a run of at least {@code minRun} digits joined by single spaces or dashes.
 */
public record Prefilter(int allOf, int anyOf, int minDigits, int minRun) {

  /** The fewest characters a text this pre-filter admits can have. */
  public int minLength() {
    return Math.max(Math.max(minRun, minDigits), Integer.bitCount(allOf));
  }

  /** Whether only the digit run matters (no classes; the run implies the digits). */
  boolean runOnly() {
    return allOf == 0 && anyOf == 0 && minRun > 0 && minDigits <= minRun;
  }

  public boolean admits(long profile) {
    return TextProfile.hasAll(profile, allOf)
        && (anyOf == 0 || TextProfile.hasAny(profile, anyOf))
        && TextProfile.digits(profile) >= minDigits
        && TextProfile.longestRun(profile) >= minRun;
  }
}
