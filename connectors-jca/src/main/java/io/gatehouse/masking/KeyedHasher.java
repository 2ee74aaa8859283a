package io.gatehouse.masking;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 with the deployment's masking key, written {@code h:} and the first 16 hex digits.
 * Stable across calls and servers sharing the key, so masked values still join. Not thread-safe:
 * each masker takes its own {@link #copy()}.
 */
final class KeyedHasher {
  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();
  private static final int HEX_DIGITS = 16;

  private final byte[] key;
  private final Mac mac;

  KeyedHasher(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("the hash strategy needs a non-empty key");
    }
    this.key = key.clone();
    this.mac = newMac(this.key);
  }

  KeyedHasher copy() {
    return new KeyedHasher(key);
  }

  String hash(byte[] data, int off, int len) {
    mac.update(data, off, len);
    byte[] digest = mac.doFinal();
    return "h:" + HEX.formatHex(digest, 0, HEX_DIGITS / 2);
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
