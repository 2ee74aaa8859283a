package it.io.gatehouse.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS target that requires a client certificate, with keys made by the real {@code openssl}:
 * it answers {@code {"client":"<subject of the client certificate>"}}.
 */
final class MtlsTarget implements AutoCloseable {

  private static final char[] PASSWORD = "changeit".toCharArray();

  final String serverCertificatePem;
  final String clientCertificatePem;
  final String clientKeyPem;
  private final HttpsServer server;

  MtlsTarget(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
    pair(dir, "server", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    pair(dir, "client", "/CN=gatehouse-client", "subjectAltName=DNS:gatehouse-client");
    openssl(
        dir,
        "pkcs12",
        "-export",
        "-in",
        "server.crt",
        "-inkey",
        "server.key",
        "-out",
        "server.p12",
        "-passout",
        "pass:" + new String(PASSWORD));
    serverCertificatePem = Files.readString(dir.resolve("server.crt"));
    clientCertificatePem = Files.readString(dir.resolve("client.crt"));
    clientKeyPem = Files.readString(dir.resolve("client.key"));

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    KeyStore clients = KeyStore.getInstance("PKCS12");
    clients.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("client.crt"))) {
      clients.setCertificateEntry(
          "client", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(clients);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = tls.getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    server.createContext(
        "/",
        ex -> {
          String who = ((HttpsExchange) ex).getSSLSession().getPeerPrincipal().getName();
          byte[] body = ("{\"client\":\"" + who + "\"}").getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void pair(Path dir, String name, String subject, String san)
      throws IOException, InterruptedException {
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".crt",
        "-days",
        "1",
        "-subj",
        subject,
        "-addext",
        san);
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl " + args[0] + " failed: " + out);
    }
  }
}
