package io.gatehouse.http.json;

/**
 * Rewrites one sensitive value. The shared masking engine plugs its strategies in here; numbers and
 * booleans arrive as their JSON text and are written back as strings.
 */
@FunctionalInterface
public interface ValueMasker {

  /** Replaces every value with {@code ****}. */
  ValueMasker REDACT = value -> "****";

  String mask(String value);
}
