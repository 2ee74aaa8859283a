package io.gatehouse.web.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate for 127.0.0.1, made with the JDK's keytool. kubectl sends a
 * bearer token over TLS only, so the proxy under test speaks HTTPS.
 */
final class TestTls {

  private static final char[] PASSWORD = "changeit".toCharArray();

  private TestTls() {}

  /** The PEM certificate of the key made by {@link #selfSigned} in {@code dir}. */
  static String certificatePem(Path dir) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-exportcert",
                "-rfc",
                "-alias",
                "proxy",
                "-keystore",
                dir.resolve("proxy.p12").toString(),
                "-storepass",
                new String(PASSWORD))
            .start();
    String pem =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool -exportcert failed");
    }
    return pem;
  }

  static SSLContext selfSigned(Path dir)
      throws IOException, InterruptedException, GeneralSecurityException {
    return selfSigned(dir, "CN=127.0.0.1", "SAN=ip:127.0.0.1,dns:localhost");
  }

  /** The PKCS#8 PEM private key of the key made by {@link #selfSigned} in {@code dir}. */
  static String privateKeyPem(Path dir) throws IOException, GeneralSecurityException {
    return "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(keyStore(dir).getKey("proxy", PASSWORD).getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  static KeyStore keyStore(Path dir) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("proxy.p12"))) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  /** A server context with the key in {@code dir}, trusting client certificates per {@code tm}. */
  static SSLContext server(Path dir, javax.net.ssl.TrustManager[] tm)
      throws IOException, GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore(dir), PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tm, null);
    return context;
  }

  static SSLContext selfSigned(Path dir, String dname, String san)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path keystore = dir.resolve("proxy.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "proxy",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                dname,
                "-ext",
                san,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
    }
    return server(dir, null);
  }
}
