/**
 * Masking of sensitive values in what flows back to a client: content detectors, strategies
 * (redact, partial, keyed hash), column rules, and a streaming masker for terminal output.
 * Protocol-neutral: the PostgreSQL, SSH and HTTP paths share it.
 *
 * <p>{@link io.gatehouse.masking.MaskingPlan#compile} turns a policy's rules into an immutable,
 * shared plan. Per result set, {@link io.gatehouse.masking.MaskingPlan#forColumns} gives a {@link
 * io.gatehouse.masking.RowMasker} for DataRow values; per terminal stream, {@link
 * io.gatehouse.masking.MaskingPlan#newStreamingMasker} gives a {@link
 * io.gatehouse.masking.StreamingTextMasker}; messages go through {@link
 * io.gatehouse.masking.MaskingPlan#maskText}. Detectors are hand-written ASCII scanners behind a
 * one-pass pre-filter, so byte values are scanned in place and most are rejected before any
 * detector runs. Nothing here logs a value.
 */
package io.gatehouse.masking;
