package io.gatehouse.control.infrastructure.seal;

import io.gatehouse.recording.SealAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The current seal key pair and every older public key, by key id. Built from configuration text
 * and checked whole: a private key that does not match its public key, or a previous key reusing
 * the current id, is refused, so the server never seals what it could not verify.
 */
public final class SealKeyRing {

  private final String currentKeyId;
  private final PrivateKey privateKey;
  private final SealAlgorithm algorithm;
  private final Map<String, PublicKey> publicKeys;

  private SealKeyRing(
      String currentKeyId,
      PrivateKey privateKey,
      SealAlgorithm algorithm,
      Map<String, PublicKey> publicKeys) {
    this.currentKeyId = currentKeyId;
    this.privateKey = privateKey;
    this.algorithm = algorithm;
    this.publicKeys = Collections.unmodifiableMap(publicKeys);
  }

  /**
   * @param keyId the current key's id
   * @param privatePem the current private key, PEM PKCS#8 (Ed25519 or EC P-256)
   * @param publicPem its public key, PEM
   * @param previous older public keys: {@code id:base64-SPKI,id:base64-SPKI}, may be empty
   */
  public static SealKeyRing of(String keyId, String privatePem, String publicPem, String previous) {
    if (keyId == null || keyId.isBlank() || keyId.contains(":") || keyId.contains(",")) {
      throw new IllegalArgumentException("the seal key id must be a non-empty name without : or ,");
    }
    PrivateKey privateKey = SealAlgorithm.privateKey(privatePem);
    PublicKey publicKey = SealAlgorithm.publicKey(publicPem);
    SealAlgorithm algorithm = SealAlgorithm.of(privateKey);
    requireMatch(algorithm, privateKey, publicKey);
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    keys.put(keyId, publicKey);
    for (String entry : previous.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "a previous seal key is 'id:base64-public-key', not '" + entry.strip() + "'");
      }
      String id = entry.substring(0, colon).strip();
      if (keys.containsKey(id)) {
        throw new IllegalArgumentException("seal key id '" + id + "' is given twice");
      }
      keys.put(id, SealAlgorithm.publicKey(entry.substring(colon + 1)));
    }
    return new SealKeyRing(keyId, privateKey, algorithm, keys);
  }

  private static void requireMatch(SealAlgorithm algorithm, PrivateKey key, PublicKey publicKey) {
    byte[] probe = "gatehouse seal key check".getBytes(StandardCharsets.UTF_8);
    try {
      if (SealAlgorithm.of(publicKey) != algorithm
          || !algorithm.verify(publicKey, probe, algorithm.sign(key, probe))) {
        throw new IllegalArgumentException(
            "the seal public key does not belong to the private key");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the seal key cannot sign: " + e.getMessage(), e);
    }
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  public SealAlgorithm algorithm() {
    return algorithm;
  }

  /** Signs with the current key; returns the signature in base64. */
  public String sign(byte[] message) {
    try {
      return Base64.getEncoder().encodeToString(algorithm.sign(privateKey, message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed: " + e.getMessage(), e);
    }
  }

  /** Every public key a seal may have been made with, current first. */
  public Map<String, PublicKey> publicKeys() {
    return publicKeys;
  }
}
