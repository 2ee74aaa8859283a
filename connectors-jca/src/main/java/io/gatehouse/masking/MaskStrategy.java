package io.gatehouse.masking;

/** How a sensitive value is rewritten. See docs/POLICY.md. */
public enum MaskStrategy {
  /** Replaced by {@code ****}. */
  REDACT,
  /** All but the last four characters replaced. */
  PARTIAL,
  /** A keyed HMAC-SHA-256, {@code h:} and 16 hex digits: stable, so joins still work. */
  HASH;

  /** The name used in policy documents ({@code redact}, {@code partial}, {@code hash}). */
  public String policyName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
