package io.gatehouse.web.proxy;

import io.gatehouse.http.HeaderList;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The credential the gateway injects towards the target; {@code toString} never shows it. A client
 * certificate is presented in the TLS handshake ({@link TargetTls}), not in a header.
 */
public sealed interface TargetCredential {

  /** Sets the target's {@code Authorization} on the outgoing headers. */
  void apply(HeaderList headers);

  /** {@code Authorization: Bearer …}: a Kubernetes service account token, an API key. */
  record Bearer(String token) implements TargetCredential {
    @Override
    public void apply(HeaderList headers) {
      headers.set("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
      return "Bearer[****]";
    }
  }

  /** {@code Authorization: Basic …}. */
  record Basic(String username, String password) implements TargetCredential {
    @Override
    public void apply(HeaderList headers) {
      String pair = username + ":" + password;
      headers.set(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "Basic[" + username + ":****]";
    }
  }

  /**
   * A TLS client certificate (mTLS): the certificate chain and its private key (PKCS#8 PEM, {@code
   * BEGIN PRIVATE KEY}; RSA, EC or Ed25519).
   */
  record ClientCertificate(java.security.cert.Certificate[] chain, java.security.PrivateKey key)
      implements TargetCredential {

    /**
     * From PEM text holding the certificate (chain, leaf first) and the private key, in any order.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static ClientCertificate fromPem(String pem) {
      if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
        throw new IllegalArgumentException("the client certificate credential has no certificate");
      }
      StringBuilder certificates = new StringBuilder();
      java.util.regex.Matcher blocks =
          java.util.regex.Pattern.compile(
                  "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----")
              .matcher(pem);
      while (blocks.find()) {
        certificates.append(blocks.group()).append('\n');
      }
      java.security.cert.Certificate[] chain;
      try {
        chain =
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificates(
                    new java.io.ByteArrayInputStream(
                        certificates.toString().getBytes(StandardCharsets.US_ASCII)))
                .toArray(new java.security.cert.Certificate[0]);
      } catch (java.security.cert.CertificateException e) {
        throw new IllegalArgumentException(
            "the client certificate is not a valid PEM certificate: " + e.getMessage());
      }
      return new ClientCertificate(chain, privateKey(pem));
    }

    private static java.security.PrivateKey privateKey(String pem) {
      if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")
          || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
        throw new IllegalArgumentException(
            "the client key must be PKCS#8 (BEGIN PRIVATE KEY); convert it with"
                + " openssl pkcs8 -topk8 -nocrypt");
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----")
              .matcher(pem);
      if (!m.find()) {
        throw new IllegalArgumentException(
            "the client certificate credential has no private key (BEGIN PRIVATE KEY)");
      }
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the client key is not valid base64");
      }
      for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
        try {
          return java.security.KeyFactory.getInstance(algorithm)
              .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
          // try the next algorithm
        }
      }
      throw new IllegalArgumentException("the client key is not an RSA, EC or Ed25519 PKCS#8 key");
    }

    javax.net.ssl.KeyManager[] keyManagers() throws java.security.GeneralSecurityException {
      return TargetTls.keyManagers(chain, key);
    }

    /** Nothing in headers: the certificate goes in the TLS handshake. */
    @Override
    public void apply(HeaderList headers) {}

    /** Identifies the certificate (for caching TLS contexts), never the key. */
    String fingerprint() {
      try {
        return java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(chain[0].getEncoded()))
            + "/"
            + Integer.toHexString(java.util.Arrays.hashCode(key.getEncoded()));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return "ClientCertificate["
          + (chain[0] instanceof java.security.cert.X509Certificate x
              ? x.getSubjectX500Principal().getName()
              : "?")
          + ", key ****]";
    }
  }

  /** No credential: the target is open to the gateway. */
  record None() implements TargetCredential {
    @Override
    public void apply(HeaderList headers) {}
  }
}
