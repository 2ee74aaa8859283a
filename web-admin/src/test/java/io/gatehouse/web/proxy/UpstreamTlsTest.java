package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpsConfigurator;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS to the target is verified against the connection's CA PEM, never skipped. */
class UpstreamTlsTest {

  @TempDir Path dir;

  @Test
  void trustsExactlyTheConnectionsCa() throws Exception {
    Path targetKeys = Files.createDirectory(dir.resolve("target"));
    Path otherKeys = Files.createDirectory(dir.resolve("other"));
    HttpsServer target =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.setHttpsConfigurator(new HttpsConfigurator(TestTls.selfSigned(targetKeys)));
    target.createContext(
        "/",
        ex -> {
          byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    target.start();
    TestTls.selfSigned(otherKeys);
    URI base = URI.create("https://127.0.0.1:" + target.getAddress().getPort());
    InMemoryProxyAccess access =
        new InMemoryProxyAccess()
            .token("t", "alice", "right-ca", "wrong-ca", "jvm-trust")
            .connection(target("right-ca", base, TestTls.certificatePem(targetKeys)))
            .connection(target("wrong-ca", base, TestTls.certificatePem(otherKeys)))
            .connection(target("jvm-trust", base, null));
    try (JdkProxyServer proxy =
        new JdkProxyServer(new ProxyCore(access, new RuleListPolicy(), ProxySettings.defaults()))) {
      assertEquals(200, status(proxy, "right-ca"), "the connection's CA verifies the target");
      assertEquals(502, status(proxy, "wrong-ca"), "another CA does not");
      assertEquals(502, status(proxy, "jvm-trust"), "nor does the JVM's trust store");
    } finally {
      target.stop(0);
    }
  }

  private static ProxyTarget target(String name, URI base, String caPem) {
    return new ProxyTarget(
        name, Protocol.HTTP, base, new TargetCredential.None(), caPem, null, null);
  }

  private static int status(JdkProxyServer proxy, String connection) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(proxy.url(connection) + "/x"))
                .header("Authorization", "Bearer t")
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
