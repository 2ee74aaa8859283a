package io.gatehouse.pg.backend;

import io.gatehouse.pg.wire.FrontendEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** SSLRequest negotiation and the TLS handshake, as {@link TlsMode} demands. */
final class TlsNegotiator {
  private TlsNegotiator() {}

  /** Returns the TLS socket layered over {@code plain}, or {@code plain} for DISABLE. */
  static Socket negotiate(Socket plain, BackendTarget target) throws IOException {
    if (target.tlsMode() == TlsMode.DISABLE) {
      return plain;
    }
    plain.getOutputStream().write(FrontendEncoder.sslRequest());
    plain.getOutputStream().flush();
    InputStream in = plain.getInputStream();
    int answer = in.read();
    if (answer == 'N') {
      throw new BackendTlsException("target " + target + " does not accept TLS", null);
    }
    if (answer != 'S') {
      throw new BackendTlsException("unexpected answer to SSLRequest: " + answer, null);
    }
    try {
      SSLSocket tls =
          (SSLSocket)
              context(target)
                  .getSocketFactory()
                  .createSocket(plain, target.host(), target.port(), true);
      SSLParameters params = tls.getSSLParameters();
      if (target.tlsMode() == TlsMode.VERIFY_FULL) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
      }
      tls.setSSLParameters(params);
      tls.startHandshake();
      return tls;
    } catch (SSLException e) {
      throw new BackendTlsException(
          "TLS handshake with " + target + " failed: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new BackendTlsException("cannot load CA certificate for " + target, e);
    }
  }

  /** tls-server-end-point channel binding data (RFC 5929) for the server's leaf certificate. */
  static byte[] serverEndPoint(SSLSocket socket) throws IOException {
    Certificate[] chain = socket.getSession().getPeerCertificates();
    if (!(chain[0] instanceof X509Certificate leaf)) {
      return null;
    }
    String sig = leaf.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
    String hash =
        sig.startsWith("SHA384") ? "SHA-384" : sig.startsWith("SHA512") ? "SHA-512" : "SHA-256";
    try {
      return MessageDigest.getInstance(hash).digest(leaf.getEncoded());
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  private static SSLContext context(BackendTarget target)
      throws IOException, GeneralSecurityException {
    TrustManager[] trust =
        target.tlsMode().verifiesChain()
            ? trustFrom(target.caCertificate())
            : new TrustManager[] {new TrustAnything()};
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, trust, null);
    return ctx;
  }

  private static TrustManager[] trustFrom(Path pem) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  /** sslmode=require: encrypted, unauthenticated, as libpq does without a root certificate. */
  private static final class TrustAnything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
