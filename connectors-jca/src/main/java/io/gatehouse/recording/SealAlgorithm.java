package io.gatehouse.recording;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;

/**
 * The signature algorithms a seal may use, by their JDK names: {@code Ed25519}, or {@code
 * SHA256withECDSA} on the P-256 curve (signature DER-encoded, as the JDK and OpenSSL write it).
 * Keys travel as PEM: PKCS#8 ({@code PRIVATE KEY}) and X.509 SubjectPublicKeyInfo ({@code PUBLIC
 * KEY}).
 */
public enum SealAlgorithm {
  ED25519("Ed25519", "Ed25519"),
  ECDSA_P256("SHA256withECDSA", "EC");

  private final String jdkName;
  private final String keyAlgorithm;

  SealAlgorithm(String jdkName, String keyAlgorithm) {
    this.jdkName = jdkName;
    this.keyAlgorithm = keyAlgorithm;
  }

  /** The name stored with a seal and shown in the API. */
  public String jdkName() {
    return jdkName;
  }

  public static SealAlgorithm named(String name) {
    for (SealAlgorithm algorithm : values()) {
      if (algorithm.jdkName.equalsIgnoreCase(name)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("unknown seal algorithm '" + name + "'");
  }

  /** The algorithm a key is for: Ed25519 or EC (which must be on P-256). */
  public static SealAlgorithm of(java.security.Key key) {
    String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
    if (algorithm.equals("ED25519") || algorithm.equals("EDDSA")) {
      return ED25519;
    }
    if (algorithm.equals("EC")
        && key instanceof ECKey ec
        && ec.getParams().getCurve().getField().getFieldSize() == 256) {
      return ECDSA_P256;
    }
    throw new IllegalArgumentException(
        "a seal key must be Ed25519 or EC P-256, not " + key.getAlgorithm());
  }

  public byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(jdkName);
    signature.initSign(key);
    signature.update(message);
    return signature.sign();
  }

  public boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
    try {
      Signature signature = Signature.getInstance(jdkName);
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException e) {
      return false; // a malformed signature or a key of another algorithm: not a valid seal
    }
  }

  /** A PEM public key (SubjectPublicKeyInfo), Ed25519 or EC. */
  public static PublicKey publicKey(String pemOrBase64) {
    byte[] der = der(pemOrBase64);
    for (String algorithm : new String[] {"Ed25519", "EC"}) {
      try {
        PublicKey key =
            KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        of(key);
        return key;
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("not an Ed25519 or EC P-256 public key (PEM, SPKI)");
  }

  /** A PEM private key (PKCS#8), Ed25519 or EC. */
  public static PrivateKey privateKey(String pemOrBase64) {
    byte[] der = der(pemOrBase64);
    for (String algorithm : new String[] {"Ed25519", "EC"}) {
      try {
        PrivateKey key =
            KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        of(key);
        return key;
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException("not an Ed25519 or EC P-256 private key (PEM, PKCS#8)");
  }

  /** A public key as PEM. */
  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static byte[] der(String pemOrBase64) {
    String body = pemOrBase64.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a key must be PEM or base64", e);
    }
  }
}
