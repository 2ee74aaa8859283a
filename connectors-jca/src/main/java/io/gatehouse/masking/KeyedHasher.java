package io.gatehouse.masking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA-256 (RFC 2104) with the deployment's masking key, written {@code h:} and the first 16
 * hex digits: stable across calls and servers sharing the key, so masked values still join.
 *
 * <p>Why not {@code javax.crypto.Mac}: it re-digests the padded key after every value, four SHA-256
 * blocks per short value. Here the key-padded inner and outer states are digested once and cloned
 * per value, two blocks per short value, and the prototypes are never updated, so one instance is
 * thread-safe.
 */
final class KeyedHasher {
  private static final int BLOCK = 64;
  private static final int HEX_DIGITS = 16;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest inner;
  private final MessageDigest outer;

  KeyedHasher(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("the hash strategy needs a non-empty key");
    }
    byte[] block = new byte[BLOCK];
    byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
    System.arraycopy(k, 0, block, 0, k.length);
    inner = keyed(block, (byte) 0x36);
    outer = keyed(block, (byte) 0x5c);
  }

  String hash(byte[] data, int off, int len) {
    return new String(hashBytes(data, off, len), StandardCharsets.US_ASCII);
  }

  /** {@code h:} and 16 hex digits, as ASCII bytes. */
  byte[] hashBytes(byte[] data, int off, int len) {
    MessageDigest in = copy(inner);
    in.update(data, off, len);
    MessageDigest out = copy(outer);
    out.update(in.digest());
    byte[] digest = out.digest();
    byte[] written = new byte[2 + HEX_DIGITS];
    written[0] = 'h';
    written[1] = ':';
    for (int i = 0; i < HEX_DIGITS / 2; i++) {
      written[2 + 2 * i] = HEX[(digest[i] >> 4) & 0xF];
      written[3 + 2 * i] = HEX[digest[i] & 0xF];
    }
    return written;
  }

  private static MessageDigest keyed(byte[] block, byte pad) {
    MessageDigest digest = sha256();
    for (byte b : block) {
      digest.update((byte) (b ^ pad));
    }
    return digest;
  }

  private static MessageDigest copy(MessageDigest prototype) {
    try {
      return (MessageDigest) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
