package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.gatehouse.connector.api.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection's {@code tls.mode} and a client certificate credential against a real TLS target
 * that requires client certificates; its certificate names {@code other.example}, not the address
 * the gateway dials, so only {@code verify-full} checks the host name.
 */
class TargetTlsModesTest {

  @TempDir static Path dir;
  static HttpsServer target;
  static URI base;
  static String serverCa;
  static String otherCa;
  static String clientPem;
  static JdkProxyServer proxy;

  @BeforeAll
  static void start() throws Exception {
    Path serverKeys = Files.createDirectory(dir.resolve("server"));
    Path clientKeys = Files.createDirectory(dir.resolve("client"));
    Path otherKeys = Files.createDirectory(dir.resolve("other"));
    TestTls.selfSigned(serverKeys, "CN=other.example", "SAN=dns:other.example");
    TestTls.selfSigned(clientKeys, "CN=gatehouse-client", "SAN=dns:gatehouse-client");
    TestTls.selfSigned(otherKeys);
    serverCa = TestTls.certificatePem(serverKeys);
    otherCa = TestTls.certificatePem(otherKeys);
    clientPem = TestTls.certificatePem(clientKeys) + TestTls.privateKeyPem(clientKeys);

    KeyStore clients = KeyStore.getInstance("PKCS12");
    clients.load(null, null);
    clients.setCertificateEntry("client", TestTls.keyStore(clientKeys).getCertificate("proxy"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(clients);
    SSLContext serverTls = TestTls.server(serverKeys, tmf.getTrustManagers());
    target = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.setHttpsConfigurator(
        new HttpsConfigurator(serverTls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = serverTls.getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    target.createContext(
        "/",
        ex -> {
          String who = ((HttpsExchange) ex).getSSLSession().getPeerPrincipal().getName();
          byte[] body = ("{\"client\":\"" + who + "\"}").getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    target.start();
    base = URI.create("https://127.0.0.1:" + target.getAddress().getPort());
    TargetCredential cert = TargetCredential.ClientCertificate.fromPem(clientPem);
    InMemoryProxyAccess access =
        new InMemoryProxyAccess()
            .token("t", "alice", "verify-ca", "verify-full", "no-cert", "require", "wrong-ca")
            .connection(target("verify-ca", cert, serverCa, "verify-ca"))
            .connection(target("verify-full", cert, serverCa, "verify-full"))
            .connection(target("no-cert", new TargetCredential.None(), serverCa, "verify-ca"))
            .connection(target("require", cert, otherCa, "require"))
            .connection(target("wrong-ca", cert, otherCa, "verify-ca"));
    proxy =
        new JdkProxyServer(new ProxyCore(access, new RuleListPolicy(), ProxySettings.defaults()));
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (target != null) {
      target.stop(0);
    }
  }

  private static ProxyTarget target(
      String name, TargetCredential credential, String caPem, String mode) {
    return new ProxyTarget(name, Protocol.HTTP, base, credential, caPem, null, null, mode);
  }

  private static HttpResponse<String> get(String connection) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(proxy.url(connection) + "/x"))
                .header("Authorization", "Bearer t")
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void verifyCaPresentsTheClientCertificateAndChecksTheChainOnly() throws Exception {
    HttpResponse<String> r = get("verify-ca");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("CN=gatehouse-client"), "the target saw the client: " + r.body());
  }

  @Test
  void verifyFullChecksTheHostName() throws Exception {
    assertEquals(502, get("verify-full").statusCode(), "other.example is not 127.0.0.1");
  }

  @Test
  void withoutTheClientCertificateTheTargetRefusesTheHandshake() throws Exception {
    assertEquals(502, get("no-cert").statusCode());
  }

  @Test
  void requireEncryptsWithoutCheckingTheCertificate() throws Exception {
    HttpResponse<String> r = get("require");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("CN=gatehouse-client"), r.body());
  }

  @Test
  void verifyCaRefusesAnotherCa() throws Exception {
    assertEquals(502, get("wrong-ca").statusCode());
  }

  @Test
  void badSettingsAreRefusedWithTheirReason() {
    IllegalArgumentException disable =
        assertThrows(
            IllegalArgumentException.class,
            () -> target("x", new TargetCredential.None(), null, "disable"));
    assertTrue(disable.getMessage().contains("tls.mode is disable"), disable.getMessage());
    IllegalArgumentException mode =
        assertThrows(
            IllegalArgumentException.class,
            () -> target("x", new TargetCredential.None(), null, "prefer"));
    assertTrue(mode.getMessage().contains("\"prefer\""), mode.getMessage());
    IllegalArgumentException plain =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ProxyTarget(
                    "x",
                    Protocol.HTTP,
                    URI.create("http://127.0.0.1:1"),
                    TargetCredential.ClientCertificate.fromPem(clientPem),
                    null,
                    null,
                    null,
                    "verify-full"));
    assertTrue(plain.getMessage().contains("https://"), plain.getMessage());
    String certOnly = clientPem.substring(0, clientPem.indexOf("-----BEGIN PRIVATE KEY"));
    IllegalArgumentException noKey =
        assertThrows(
            IllegalArgumentException.class,
            () -> TargetCredential.ClientCertificate.fromPem(certOnly));
    assertTrue(noKey.getMessage().contains("no private key"), noKey.getMessage());
    IllegalArgumentException pkcs1 =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TargetCredential.ClientCertificate.fromPem(
                    certOnly
                        + "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"));
    assertTrue(pkcs1.getMessage().contains("PKCS#8"), pkcs1.getMessage());
    assertTrue(
        TargetCredential.ClientCertificate.fromPem(clientPem).toString().contains("****"),
        "never shows the key");
  }
}
