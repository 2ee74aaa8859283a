package io.gatehouse.web.proxy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link java.net.http.HttpClient} per TLS setting (mode, CA PEM, client certificate): TLS to a
 * target is checked as the connection's {@code tls.mode} says ({@link TargetTls}). Redirects are
 * not followed: they go back to the caller.
 */
final class UpstreamClients {

  private final Duration connectTimeout;
  private final Map<String, java.net.http.HttpClient> clients = new ConcurrentHashMap<>();

  UpstreamClients(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  java.net.http.HttpClient forTarget(ProxyTarget target) {
    String key =
        TargetTls.Mode.of(target.tlsMode())
            + "/"
            + (target.caPem() == null ? "" : sha256(target.caPem()))
            + "/"
            + (target.credential() instanceof TargetCredential.ClientCertificate c
                ? c.fingerprint()
                : "");
    return clients.computeIfAbsent(key, k -> build(target));
  }

  private java.net.http.HttpClient build(ProxyTarget target) {
    try {
      return java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1)
          .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
          .connectTimeout(connectTimeout)
          .sslContext(TargetTls.context(target))
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for the target: " + e.getMessage(), e);
    }
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
