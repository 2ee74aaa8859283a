package io.gatehouse.web.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS towards a target as the connection's {@code tls.mode} says, with the meanings of the
 * PostgreSQL path (libpq's sslmode): the target URL's scheme decides whether TLS is spoken at all
 * ({@code https://}); the mode decides what is checked.
 *
 * <ul>
 *   <li>{@code verify-full} (the default): the chain to the connection's CA PEM (else the JVM's
 *       trust store) and the host name.
 *   <li>{@code verify-ca}: the chain only, any host name.
 *   <li>{@code require}: encrypted, the certificate not checked.
 *   <li>{@code disable}: no TLS; an {@code https://} target with it is refused at admission.
 * </ul>
 *
 * A {@link TargetCredential.ClientCertificate} is presented as the client certificate (mTLS).
 */
final class TargetTls {

  private TargetTls() {}

  /** The connection's TLS mode. */
  enum Mode {
    DISABLE,
    REQUIRE,
    VERIFY_CA,
    VERIFY_FULL;

    /** From the API name ({@code verify-full}, …); null or empty is {@code verify-full}. */
    static Mode of(String apiName) {
      if (apiName == null || apiName.isBlank()) {
        return VERIFY_FULL;
      }
      try {
        return valueOf(apiName.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "tls.mode \"" + apiName + "\" is not one of disable, require, verify-ca, verify-full");
      }
    }
  }

  /** The SSL context for a target: its mode's trust, its client certificate if any. */
  static SSLContext context(ProxyTarget target) throws GeneralSecurityException {
    Mode mode = Mode.of(target.tlsMode());
    TrustManager[] trust =
        switch (mode) {
          case REQUIRE -> new TrustManager[] {new TrustAnything()};
          case VERIFY_CA -> new TrustManager[] {new ChainOnly(trustManager(target.caPem()))};
          default -> new TrustManager[] {trustManager(target.caPem())};
        };
    KeyManager[] keys =
        target.credential() instanceof TargetCredential.ClientCertificate client
            ? client.keyManagers()
            : null;
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, trust, null);
    return context;
  }

  /** Trust in the connection's CA PEM, or the JVM's trust store when there is none. */
  static X509TrustManager trustManager(String caPem) throws GeneralSecurityException {
    KeyStore trust = null;
    if (caPem != null) {
      trust = KeyStore.getInstance(KeyStore.getDefaultType());
      try {
        trust.load(null, null);
      } catch (IOException e) {
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
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** Key managers for one client certificate chain and its key. */
  static KeyManager[] keyManagers(Certificate[] chain, java.security.PrivateKey key)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    char[] password = "gatehouse".toCharArray();
    store.setKeyEntry("client", key, password, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    return kmf.getKeyManagers();
  }

  /** Checks the server's chain its own way; the host name is never checked here. */
  private abstract static class ServerCheck extends X509ExtendedTrustManager {
    abstract void check(X509Certificate[] certs, String authType) throws CertificateException;

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType)
        throws CertificateException {
      check(certs, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
        throws CertificateException {
      check(certs, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
        throws CertificateException {
      check(certs, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType)
        throws CertificateException {
      throw new CertificateException("the gateway is the client here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("the gateway is the client here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("the gateway is the client here");
    }
  }

  /**
   * verify-ca: the chain is checked, the host name is not. JSSE leaves the host name check of an
   * {@link X509ExtendedTrustManager} to the trust manager itself, so this one checks the chain
   * only.
   */
  private static final class ChainOnly extends ServerCheck {
    private final X509TrustManager chain;

    ChainOnly(X509TrustManager chain) {
      this.chain = chain;
    }

    @Override
    void check(X509Certificate[] certs, String authType) throws CertificateException {
      chain.checkServerTrusted(certs, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return chain.getAcceptedIssuers();
    }
  }

  /** require: encrypted, unauthenticated, as libpq's sslmode=require. */
  private static final class TrustAnything extends ServerCheck {
    @Override
    void check(X509Certificate[] certs, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
