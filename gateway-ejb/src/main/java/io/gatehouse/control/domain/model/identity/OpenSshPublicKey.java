package io.gatehouse.control.domain.model.identity;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * An OpenSSH public key line ({@code type base64 [comment]}, as in {@code id_ed25519.pub}) that an
 * identity may log in with: parsed strictly, and only of a type the gateway's SSH listener verifies
 * and considers strong (Ed25519, ECDSA on the NIST curves, RSA of 2048 bits or more).
 *
 * @param type the key type, e.g. {@code ssh-ed25519}
 * @param base64 the key blob, base64 as written
 * @param comment what followed the key, or empty
 * @param bits the key size (RSA modulus, curve size; 256 for Ed25519)
 */
public record OpenSshPublicKey(String type, String base64, String comment, int bits) {

  /** At most this long: a 16384-bit RSA key is about 2.8 kB as a line. */
  public static final int MAX_LENGTH = 8192;

  public static final int MIN_RSA_BITS = 2048;

  /** FIDO security keys (ssh-keygen -t ed25519-sk / ecdsa-sk); the listener requires a touch. */
  public static final String SK_ED25519 = "sk-ssh-ed25519@openssh.com";

  public static final String SK_ECDSA = "sk-ecdsa-sha2-nistp256@openssh.com";

  private static final Map<String, String> CURVES =
      Map.of(
          "ecdsa-sha2-nistp256", "nistp256",
          "ecdsa-sha2-nistp384", "nistp384",
          "ecdsa-sha2-nistp521", "nistp521");

  private static final Map<String, Integer> CURVE_BITS =
      Map.of("nistp256", 256, "nistp384", 384, "nistp521", 521);

  /**
   * Parses one line.
   *
   * @throws IllegalArgumentException saying exactly what is wrong, safe to show the caller
   */
  public static OpenSshPublicKey parse(String line) {
    if (line == null || line.isBlank()) {
      throw new IllegalArgumentException(
          "the body must be an OpenSSH public key line ('type base64 [comment]', as in"
              + " ~/.ssh/id_ed25519.pub)");
    }
    if (line.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("the key is longer than " + MAX_LENGTH + " characters");
    }
    String text = line.strip();
    if (text.startsWith("-----BEGIN")) {
      throw new IllegalArgumentException(
          "this is a PEM block (a private key?); send the public key line from the .pub file");
    }
    if (text.contains("\n") || text.contains("\r")) {
      throw new IllegalArgumentException("one key per request: the body has several lines");
    }
    String[] parts = text.split("\\s+", 3);
    String type = parts[0];
    refuseWeakOrUnknown(type);
    if (parts.length < 2) {
      throw new IllegalArgumentException("the key has no base64 part after its type " + type);
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key's base64 part does not decode", e);
    }
    int bits;
    try {
      bits = bits(type, blob);
    } catch (BufferUnderflowException | IllegalStateException e) {
      throw new IllegalArgumentException("the key blob is truncated or malformed for " + type, e);
    }
    if (type.equals("ssh-rsa") && bits < MIN_RSA_BITS) {
      throw new IllegalArgumentException(
          "RSA keys of "
              + bits
              + " bits are too weak; use at least "
              + MIN_RSA_BITS
              + " bits, or better ssh-ed25519 (ssh-keygen -t ed25519)");
    }
    return new OpenSshPublicKey(type, parts[1], parts.length > 2 ? parts[2] : "", bits);
  }

  private static void refuseWeakOrUnknown(String type) {
    switch (type) {
      case "ssh-ed25519",
          "ssh-rsa",
          "ecdsa-sha2-nistp256",
          "ecdsa-sha2-nistp384",
          "ecdsa-sha2-nistp521",
          SK_ED25519,
          SK_ECDSA -> {}
      case "ssh-dss" ->
          throw new IllegalArgumentException(
              "ssh-dss (DSA) keys are weak and not accepted; use ssh-ed25519 (ssh-keygen -t"
                  + " ed25519)");
      default -> {
        if (type.contains("-cert-v01@openssh.com")) {
          throw new IllegalArgumentException(
              "certificates (" + type + ") are not accepted; register the plain public key");
        }
        throw new IllegalArgumentException(
            "unsupported key type '"
                + type
                + "'; use ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa (2048 bits or"
                + " more) or a security key ("
                + SK_ED25519
                + ", "
                + SK_ECDSA
                + ")");
      }
    }
  }

  /** Checks the blob against its type and returns the key size. */
  private static int bits(String type, byte[] blob) {
    ByteBuffer buffer = ByteBuffer.wrap(blob);
    String inner = new String(string(buffer), StandardCharsets.US_ASCII);
    if (!inner.equals(type)) {
      throw new IllegalArgumentException(
          "the key blob is of type '" + inner + "', not " + type + " as the line says");
    }
    int bits;
    switch (type) {
      case "ssh-ed25519", SK_ED25519 -> {
        if (string(buffer).length != 32) {
          throw new IllegalStateException("an Ed25519 key is 32 bytes");
        }
        bits = 256;
      }
      case "ssh-rsa" -> {
        BigInteger exponent = new BigInteger(string(buffer));
        BigInteger modulus = new BigInteger(string(buffer));
        if (exponent.signum() <= 0 || modulus.signum() <= 0 || !modulus.testBit(0)) {
          throw new IllegalStateException("not an RSA public key");
        }
        bits = modulus.bitLength();
      }
      default -> {
        String curve = new String(string(buffer), StandardCharsets.US_ASCII);
        if (!curve.equals(CURVES.get(type.equals(SK_ECDSA) ? "ecdsa-sha2-nistp256" : type))) {
          throw new IllegalArgumentException(
              "the key's curve '" + curve + "' does not match its type " + type);
        }
        byte[] point = string(buffer);
        int size = (CURVE_BITS.get(curve) + 7) / 8;
        if (point.length != 1 + 2 * size || point[0] != 4) {
          throw new IllegalStateException("not an uncompressed point on " + curve);
        }
        bits = CURVE_BITS.get(curve);
      }
    }
    if (type.startsWith("sk-")) {
      // The FIDO application the key was made for; OpenSSH makes SSH keys for "ssh:…" only.
      String application = new String(string(buffer), StandardCharsets.UTF_8);
      if (!application.startsWith("ssh:")) {
        throw new IllegalArgumentException(
            "the security key's application '"
                + application
                + "' is not an SSH one (ssh:…); register the key ssh-keygen made");
      }
    }
    if (buffer.hasRemaining()) {
      throw new IllegalStateException("trailing bytes after the key");
    }
    return bits;
  }

  private static byte[] string(ByteBuffer buffer) {
    int length = buffer.getInt();
    if (length < 0 || length > buffer.remaining()) {
      throw new IllegalStateException("a length runs past the end of the blob");
    }
    byte[] value = new byte[length];
    buffer.get(value);
    return value;
  }

  /** {@code type base64}, without the comment: the form the SSH listener looks keys up by. */
  public String keyText() {
    return type + " " + base64;
  }

  /** The OpenSSH SHA256 fingerprint, as {@code ssh-keygen -lf} prints it. */
  public String fingerprint() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64));
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
