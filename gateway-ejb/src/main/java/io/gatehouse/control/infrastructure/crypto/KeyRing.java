package io.gatehouse.control.infrastructure.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The current master key (encrypts) and the previous ones (still decrypt), by id. Never prints a
 * key, and its error messages name the setting at fault, not its value.
 */
public final class KeyRing {

  static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String currentId;
  private final Map<String, SecretKey> keys;

  private KeyRing(String currentId, Map<String, SecretKey> keys) {
    this.currentId = currentId;
    this.keys = Map.copyOf(keys);
  }

  /**
   * @param currentId id of the current key
   * @param currentBase64 the current key, base64 of 32 bytes
   * @param previous earlier keys as {@code id:base64,id:base64}, or empty
   */
  public static KeyRing of(String currentId, String currentBase64, String previous) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    keys.put(
        requireId(currentId, CredentialKeys.MASTER_KEY_ID),
        decode(currentBase64, CredentialKeys.MASTER_KEY));
    if (previous != null && !previous.isBlank()) {
      for (String entry : previous.split(",")) {
        String[] idAndKey = entry.strip().split(":", 2);
        if (idAndKey.length != 2) {
          throw new IllegalArgumentException(
              CredentialKeys.PREVIOUS_KEYS + " must be id:base64 pairs separated by commas");
        }
        String id = requireId(idAndKey[0], CredentialKeys.PREVIOUS_KEYS);
        if (keys.putIfAbsent(id, decode(idAndKey[1], CredentialKeys.PREVIOUS_KEYS)) != null) {
          throw new IllegalArgumentException(
              CredentialKeys.PREVIOUS_KEYS + " repeats key id '" + id + "'");
        }
      }
    }
    return new KeyRing(currentId, keys);
  }

  public static KeyRing of(String currentId, byte[] currentKey) {
    return new KeyRing(
        requireId(currentId, CredentialKeys.MASTER_KEY_ID), Map.of(currentId, aes(currentKey)));
  }

  private static String requireId(String id, String setting) {
    if (id == null || !KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(setting + ": a key id must be 1-64 of A-Z a-z 0-9 . _ -");
    }
    return id;
  }

  private static SecretKey decode(String base64, String setting) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + " is not valid base64");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          setting + " must be 32 bytes (AES-256), base64-encoded; it is " + key.length);
    }
    return aes(key);
  }

  private static SecretKey aes(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("an AES-256 key is 32 bytes");
    }
    return new SecretKeySpec(key, "AES");
  }

  public String currentId() {
    return currentId;
  }

  /**
   * A key for {@code purpose} derived from the current master key (HMAC-SHA-256), so one secret in
   * configuration serves several uses without the uses sharing a key.
   */
  public byte[] derive(String purpose) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(current().getEncoded(), "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }

  SecretKey current() {
    return keys.get(currentId);
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public String toString() {
    return "KeyRing[current=" + currentId + ", ids=" + new java.util.TreeSet<>(keys.keySet()) + "]";
  }
}
