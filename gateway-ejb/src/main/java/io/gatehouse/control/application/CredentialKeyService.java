package io.gatehouse.control.application;

/** Credential key rotation. */
public interface CredentialKeyService {

  /** The outcome of a rotation pass. */
  record RekeyResult(String currentKeyId, int resealed, int failed) {}

  /** Re-encrypts every credential sealed with an older key under the current one. */
  RekeyResult resealAll();
}
