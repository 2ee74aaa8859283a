package io.gatehouse.pg.backend;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL uses it: the user name is empty
 * (the server takes it from the StartupMessage). With {@code channelBinding} (the
 * tls-server-end-point hash of the server certificate) it runs SCRAM-SHA-256-PLUS. One instance per
 * exchange: {@link #clientFirstMessage}, {@link #clientFinalMessage}, {@link #verifyServerFinal}.
 */
final class ScramSha256Client {
  static final String MECHANISM = "SCRAM-SHA-256";
  static final String MECHANISM_PLUS = "SCRAM-SHA-256-PLUS";

  /** Guards against a hostile target making the gateway burn CPU. */
  private static final int MAX_ITERATIONS = 1_000_000;

  private final String user;
  private final String password;
  private final String gs2Header;
  private final byte[] channelBinding;
  private final String clientNonce;
  private String clientFirstBare;
  private byte[] expectedServerSignature;

  /**
   * @param channelBinding certificate hash for -PLUS, or {@code null}
   * @param tls whether the connection is encrypted (then "y" tells the server we could bind)
   */
  ScramSha256Client(String password, byte[] channelBinding, boolean tls) {
    this("", password, channelBinding, tls, randomNonce());
  }

  /** For tests: a fixed user name (RFC test vectors) and nonce. */
  ScramSha256Client(
      String user, String password, byte[] channelBinding, boolean tls, String clientNonce) {
    this.user = user;
    this.password = password;
    this.channelBinding = channelBinding;
    this.gs2Header = channelBinding != null ? "p=tls-server-end-point,," : tls ? "y,," : "n,,";
    this.clientNonce = clientNonce;
  }

  String mechanism() {
    return channelBinding != null ? MECHANISM_PLUS : MECHANISM;
  }

  byte[] clientFirstMessage() {
    clientFirstBare = "n=" + user + ",r=" + clientNonce;
    return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
  }

  /** Answers server-first-message; fails if it is malformed or does not extend our nonce. */
  byte[] clientFinalMessage(byte[] serverFirstBytes) throws BackendAuthenticationException {
    String serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
    Map<Character, String> attrs = attributes(serverFirst);
    String nonce = attrs.get('r');
    if (nonce == null || !nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
      throw refused("server nonce does not extend the client nonce");
    }
    byte[] salt;
    int iterations;
    try {
      salt = Base64.getDecoder().decode(require(attrs, 's'));
      iterations = Integer.parseInt(require(attrs, 'i'));
    } catch (IllegalArgumentException e) {
      throw refused("malformed salt or iteration count");
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw refused("iteration count out of range: " + iterations);
    }
    String cbind = Base64.getEncoder().encodeToString(concat(gs2Header, channelBinding));
    String finalWithoutProof = "c=" + cbind + ",r=" + nonce;
    byte[] authMessage =
        (clientFirstBare + "," + serverFirst + "," + finalWithoutProof)
            .getBytes(StandardCharsets.UTF_8);
    byte[] salted = saltedPassword(salt, iterations);
    byte[] clientKey = hmac(salted, "Client Key");
    byte[] clientSignature = hmac(sha256(clientKey), authMessage);
    byte[] proof = new byte[clientKey.length];
    for (int i = 0; i < proof.length; i++) {
      proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
    }
    expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
    String msg = finalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    return msg.getBytes(StandardCharsets.UTF_8);
  }

  /** Checks server-final-message: the server must prove it knows the password too. */
  void verifyServerFinal(byte[] serverFinalBytes) throws BackendAuthenticationException {
    if (expectedServerSignature == null) {
      throw refused("server-final-message before client-final-message");
    }
    Map<Character, String> attrs = attributes(new String(serverFinalBytes, StandardCharsets.UTF_8));
    if (attrs.containsKey('e')) {
      throw refused("server reported error " + attrs.get('e'));
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(require(attrs, 'v'));
    } catch (IllegalArgumentException e) {
      throw refused("malformed server signature");
    }
    if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
      throw refused("server signature does not verify: the target does not know the password");
    }
  }

  private byte[] saltedPassword(byte[] salt, int iterations) {
    char[] normalized = Normalizer.normalize(password, Normalizer.Form.NFKC).toCharArray();
    try {
      SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      return f.generateSecret(new PBEKeySpec(normalized, salt, iterations, 256)).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    return hmac(key, data.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static byte[] concat(String header, byte[] binding) {
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    if (binding == null) {
      return h;
    }
    byte[] out = new byte[h.length + binding.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(binding, 0, out, h.length, binding.length);
    return out;
  }

  private static Map<Character, String> attributes(String message)
      throws BackendAuthenticationException {
    Map<Character, String> attrs = new HashMap<>();
    for (String part : message.split(",", -1)) {
      if (part.length() < 2 || part.charAt(1) != '=') {
        throw refused("malformed SCRAM message");
      }
      if (part.charAt(0) == 'm') {
        throw refused("unsupported mandatory SCRAM extension");
      }
      attrs.putIfAbsent(part.charAt(0), part.substring(2));
    }
    return attrs;
  }

  private static String require(Map<Character, String> attrs, char key)
      throws BackendAuthenticationException {
    String v = attrs.get(key);
    if (v == null) {
      throw refused("SCRAM attribute '" + key + "' missing");
    }
    return v;
  }

  private static String randomNonce() {
    byte[] raw = new byte[18];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  private static BackendAuthenticationException refused(String why) {
    return new BackendAuthenticationException("28000", why, "SCRAM-SHA-256 with target failed");
  }
}
