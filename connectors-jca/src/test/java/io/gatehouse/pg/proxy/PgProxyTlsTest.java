package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.ra.TlsContexts;
import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.pg.wire.FrontendEncoder;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the client side of the PostgreSQL listener, and a policy that requires it. */
@ExtendWith(PostgresCluster.class)
class PgProxyTlsTest {

  static ProxyHarness proxy;

  @BeforeAll
  static void start(PostgresCluster pg, @TempDir Path dir) throws Exception {
    Path keyStore = dir.resolve("gateway.p12");
    Process keytool =
        new ProcessBuilder(
                "keytool",
                "-genkeypair",
                "-alias",
                "gateway",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "test-only",
                "-keypass",
                "test-only")
            .redirectErrorStream(true)
            .start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool finishes");
    assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));
    proxy =
        new ProxyHarness(
            pg,
            TlsContexts.serverContext(keyStore, "test-only".toCharArray()),
            (plan, client) ->
                new SessionRules(
                    true, sql -> Verdict.allow("SELECT"), ResultMasking.NONE, (t, j, v) -> {}));
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void jdbcOverTlsWorks() throws Exception {
    try (Connection c = DriverManager.getConnection(proxy.jdbcUrl("orders", "require"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 7")) {
      assertTrue(rs.next(), "a row over TLS");
      assertEquals(7, rs.getInt(1), "the value");
    }
  }

  @Test
  void aPolicyRequiringTlsRefusesPlaintextClients() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(proxy.jdbcUrl("orders", "disable")));
    assertEquals("28000", e.getSQLState(), "refused at authorization");
    assertTrue(e.getMessage().contains("requires TLS"), "says what to do: " + e.getMessage());
  }

  @Test
  void psqlWithSslmodeRequireWorks() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "psql",
                "host=127.0.0.1 port=" + proxy.port() + " dbname=orders user=a sslmode=require",
                "-X",
                "-A",
                "-t",
                "-c",
                "SHOW ssl")
            .redirectErrorStream(true);
    builder.environment().putAll(Map.of("PGPASSWORD", ProxyHarness.GOOD_TOKEN));
    Process psql = builder.start();
    assertTrue(psql.waitFor(30, TimeUnit.SECONDS), "psql finishes");
    String output = new String(psql.getInputStream().readAllBytes());
    assertEquals(0, psql.exitValue(), "psql over TLS: " + output);
  }

  @Test
  void plaintextSentAfterSslRequestIsNeverReadAsProtocol() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(5_000);
      byte[] ssl = FrontendEncoder.sslRequest();
      byte[] smuggled = FrontendEncoder.startupMessage(Map.of("user", "a", "database", "orders"));
      byte[] both = new byte[ssl.length + smuggled.length];
      System.arraycopy(ssl, 0, both, 0, ssl.length);
      System.arraycopy(smuggled, 0, both, ssl.length, smuggled.length);
      socket.getOutputStream().write(both);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      assertEquals('S', in.read(), "TLS offered");
      int next = in.read();
      assertTrue(
          next == -1 || next == 0x15,
          "the smuggled plaintext is read as a broken TLS handshake and refused, got " + next);
    }
    try (Connection c = DriverManager.getConnection(proxy.jdbcUrl("orders", "require"))) {
      assertTrue(c.isValid(5), "the listener keeps serving");
    }
  }

  @Test
  void aClientStallingAfterSslRequestIsDroppedWithoutHarm() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.getOutputStream().write(FrontendEncoder.sslRequest());
      socket.getOutputStream().flush();
      socket.setSoTimeout(15_000);
      assertEquals('S', socket.getInputStream().read(), "TLS offered");
      long start = System.nanoTime();
      int next = socket.getInputStream().read();
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(-1, next, "the gateway hangs up on a stalled handshake");
      assertTrue(waitedMillis < 12_000, "within the startup timeout, waited " + waitedMillis);
    }
  }
}
