package io.gatehouse.web.proxy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One {@link java.net.http.HttpClient} per trust anchor set: TLS to a target verifies its
 * certificate chain against the connection's CA PEM (or the JVM's trust store when there is none)
 * and its host name, always. Redirects are not followed: they go back to the caller.
 */
final class UpstreamClients {

  private final Duration connectTimeout;
  private final Map<String, java.net.http.HttpClient> clients = new ConcurrentHashMap<>();

  UpstreamClients(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  java.net.http.HttpClient forTarget(ProxyTarget target) {
    String key = target.caPem() == null ? "" : sha256(target.caPem());
    return clients.computeIfAbsent(key, k -> build(target.caPem()));
  }

  private java.net.http.HttpClient build(String caPem) {
    try {
      return java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
          .connectTimeout(connectTimeout)
          .sslContext(caPem == null ? SSLContext.getDefault() : trusting(caPem))
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for the target: " + e.getMessage(), e);
    }
  }

  static SSLContext trusting(String caPem) throws GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      trust.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    int i = 0;
    for (Certificate c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
      trust.setCertificateEntry("ca-" + i++, c);
    }
    if (i == 0) {
      throw new GeneralSecurityException("the connection's CA PEM holds no certificate");
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
