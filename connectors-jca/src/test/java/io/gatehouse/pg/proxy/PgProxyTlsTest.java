package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.ra.TlsContexts;
import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.DataRow;
import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.FrontendEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the client side of the PostgreSQL listener (GSSENCRequest refused on the way), and a
 * policy that requires it: a plaintext client is refused before it is asked for its token.
 */
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
    proxy.tlsRequirement = ORDERS_REQUIRES_TLS;
    clientTls = trusting(keyStore);
  }

  static SSLContext clientTls;

  /** A client context that trusts the gateway's own certificate. */
  private static SSLContext trusting(Path keyStore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, "test-only".toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  static final PgEnvironment.TlsRequirement ORDERS_REQUIRES_TLS = "orders"::equals;

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
    assertJdbcWithoutTlsRefused();
  }

  private static void assertJdbcWithoutTlsRefused() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(proxy.jdbcUrl("orders", "disable")));
    assertEquals("28000", e.getSQLState(), "refused at authorization");
    assertTrue(e.getMessage().contains("requires TLS"), "says what to do: " + e.getMessage());
  }

  @Test
  void aPlaintextClientIsRefusedBeforeItIsAskedForItsToken() throws Exception {
    int decisions = proxy.accessRequests.size();
    try (RawClient client = new RawClient(proxy.port())) {
      client.sendStartup("orders");
      BackendMessage first = client.next();
      ErrorFields error =
          assertInstanceOf(
                  BackendMessage.ErrorResponse.class,
                  first,
                  "the first reply is the refusal, never a password request: " + first)
              .fields();
      assertEquals("FATAL", error.fields().get(ErrorFields.SEVERITY), "fatal: " + error);
      assertEquals("28000", error.fields().get(ErrorFields.CODE), "authorization: " + error);
      assertTrue(
          error.fields().get(ErrorFields.MESSAGE).contains("\"orders\" requires TLS"),
          "says TLS is required: " + error);
      sendIgnoringReset(client, FrontendEncoder.passwordMessage(ProxyHarness.GOOD_TOKEN));
      assertTrue(client.closedByGateway(), "the gateway hangs up after the refusal");
    }
    assertEquals(decisions, proxy.accessRequests.size(), "no token was read or checked");
  }

  @Test
  void anUnknownConnectionIsAskedForItsTokenAndRefusedAsBefore() throws Exception {
    try (RawClient client = new RawClient(proxy.port())) {
      client.sendStartup("no-such");
      assertInstanceOf(
          BackendMessage.AuthenticationCleartextPassword.class,
          client.next(),
          "an unknown name tells nothing before the token");
      client.send(FrontendEncoder.passwordMessage(ProxyHarness.GOOD_TOKEN));
      ErrorFields error =
          assertInstanceOf(BackendMessage.ErrorResponse.class, client.next(), "refused").fields();
      assertEquals("28000", error.fields().get(ErrorFields.CODE), "authorization: " + error);
      assertEquals(
          "Gatehouse: no connection named \"no-such\"",
          error.fields().get(ErrorFields.MESSAGE),
          "the control plane's own message, unchanged");
    }
  }

  @Test
  void thePlansPolicyIsCheckedAgainAfterTheToken() throws Exception {
    proxy.tlsRequirement = connection -> false;
    try {
      int decisions = proxy.accessRequests.size();
      assertJdbcWithoutTlsRefused();
      assertEquals(decisions + 1, proxy.accessRequests.size(), "refused after the decision");
    } finally {
      proxy.tlsRequirement = ORDERS_REQUIRES_TLS;
    }
  }

  @Test
  void aControlPlaneThatCannotTellRefusesBeforeTheToken() throws Exception {
    proxy.tlsRequirement =
        connection -> {
          throw new AccessDeniedException(
              AccessDeniedException.Reason.UNAVAILABLE, "the control plane is unavailable");
        };
    try (RawClient client = new RawClient(proxy.port())) {
      client.sendStartup("orders");
      ErrorFields error =
          assertInstanceOf(BackendMessage.ErrorResponse.class, client.next(), "refused at once")
              .fields();
      assertEquals("57P03", error.fields().get(ErrorFields.CODE), "cannot connect now: " + error);
      assertTrue(
          error.fields().get(ErrorFields.MESSAGE).contains("unavailable"), "says why: " + error);
    } finally {
      proxy.tlsRequirement = ORDERS_REQUIRES_TLS;
    }
  }

  @Test
  void gssEncRequestIsRefusedThenTlsIsNegotiatedAndTheSessionWorks() throws Exception {
    try (RawClient client = new RawClient(proxy.port())) {
      client.send(FrontendEncoder.gssEncRequest());
      assertEquals('N', client.readByte(), "GSS encryption refused with a single 'N'");
      client.send(FrontendEncoder.sslRequest());
      assertEquals('S', client.readByte(), "TLS still offered after the refusal");
      client.startTls(clientTls);
      assertNoError(client.logIn("orders"));
      client.send(FrontendEncoder.query("SELECT 41 + 1"));
      List<BackendMessage> replies = assertNoError(client.untilReady());
      DataRow row =
          replies.stream()
              .filter(DataRow.class::isInstance)
              .map(DataRow.class::cast)
              .findFirst()
              .orElseThrow(() -> new AssertionError("a row: " + replies));
      assertEquals(
          "42", StandardCharsets.UTF_8.decode(row.value(0)).toString(), "the query's answer");
    }
  }

  @Test
  void aSecondGssEncRequestIsAProtocolViolation() throws Exception {
    try (RawClient client = new RawClient(proxy.port())) {
      client.send(FrontendEncoder.gssEncRequest());
      assertEquals('N', client.readByte(), "the first is refused");
      client.send(FrontendEncoder.gssEncRequest());
      assertOutOfOrder(client);
    }
  }

  @Test
  void aGssEncRequestInsideTlsIsAProtocolViolation() throws Exception {
    try (RawClient client = new RawClient(proxy.port())) {
      client.send(FrontendEncoder.sslRequest());
      assertEquals('S', client.readByte(), "TLS offered");
      client.startTls(clientTls);
      client.send(FrontendEncoder.gssEncRequest());
      assertOutOfOrder(client);
    }
  }

  private static void assertOutOfOrder(RawClient client) throws Exception {
    ErrorFields error =
        assertInstanceOf(BackendMessage.ErrorResponse.class, client.next(), "refused").fields();
    assertEquals("FATAL", error.fields().get(ErrorFields.SEVERITY), "fatal: " + error);
    assertEquals("08P01", error.fields().get(ErrorFields.CODE), "protocol violation: " + error);
    assertTrue(
        error.fields().get(ErrorFields.MESSAGE).contains("GSSENCRequest out of order"),
        "names the message: " + error);
    assertTrue(client.closedByGateway(), "and hangs up");
  }

  private static List<BackendMessage> assertNoError(List<BackendMessage> messages) {
    assertFalse(
        messages.stream().anyMatch(BackendMessage.ErrorResponse.class::isInstance),
        "no error: " + messages);
    return messages;
  }

  private static void sendIgnoringReset(RawClient client, byte[] bytes) {
    try {
      client.send(bytes);
    } catch (IOException closedAlready) {
      // The gateway may have closed first; either way it read nothing more.
    }
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
