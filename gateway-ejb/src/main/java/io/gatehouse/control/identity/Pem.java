package io.gatehouse.control.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** PEM decoding for public keys (RSA or EC) and PKCS#8 private keys. */
final class Pem {

  private Pem() {}

  static byte[] decode(String pem) {
    String body =
        pem.replaceAll("-----BEGIN [A-Z ]+-----", "")
            .replaceAll("-----END [A-Z ]+-----", "")
            .replaceAll("\\s", "");
    if (body.isEmpty()) {
      throw new IllegalArgumentException("PEM block is empty");
    }
    return Base64.getDecoder().decode(body);
  }

  static PublicKey publicKey(String pem) throws GeneralSecurityException {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(decode(pem));
    try {
      return KeyFactory.getInstance("RSA").generatePublic(spec);
    } catch (GeneralSecurityException notRsa) {
      return KeyFactory.getInstance("EC").generatePublic(spec);
    }
  }
}
