/**
 * Masking of sensitive values in what flows back to a client: content detectors, strategies
 * (redact, partial, keyed hash), column rules, and a streaming masker for terminal output.
 * Protocol-neutral: the PostgreSQL, SSH and HTTP paths share it.
 */
package io.gatehouse.masking;
