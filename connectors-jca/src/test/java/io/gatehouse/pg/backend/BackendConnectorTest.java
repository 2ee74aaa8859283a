package io.gatehouse.pg.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.BackendMessage.ReadyForQuery;
import io.gatehouse.pg.wire.BackendMessages;
import io.gatehouse.pg.wire.DataRow;
import io.gatehouse.pg.wire.FrontendEncoder;
import io.gatehouse.pg.wire.TransactionStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(PostgresCluster.class)
class BackendConnectorTest {
  private final BackendConnector connector = new BackendConnector();

  private static BackendTarget target(PostgresCluster pg, String user) {
    return BackendTarget.of(pg.host(), pg.port(), pg.database(), user);
  }

  private static BackendCredential credential(PostgresCluster pg, String user) {
    return BackendCredential.password(pg.password(user));
  }

  /** Runs a simple query, returns the first column of each row as text. */
  private static List<String> query(BackendConnection c, String sql) throws IOException {
    c.send(FrontendEncoder.query(sql));
    List<String> values = new ArrayList<>();
    while (true) {
      BackendMessage m = BackendMessages.parse(c.read());
      if (m instanceof DataRow row) {
        values.add(StandardCharsets.UTF_8.decode(row.value(0)).toString());
      } else if (m instanceof BackendMessage.ErrorResponse e) {
        throw new IOException(e.fields().message());
      } else if (m instanceof ReadyForQuery) {
        return values;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {PostgresCluster.SCRAM_USER, PostgresCluster.MD5_USER, PostgresCluster.TRUST_USER})
  void authenticatesAsTheTargetAsks(String user, PostgresCluster pg) throws Exception {
    try (BackendConnection c = connector.connect(target(pg, user), credential(pg, user))) {
      assertEquals(List.of(user), query(c, "SELECT current_user"), "session user");
      assertEquals(List.of("gatehouse"), query(c, "SHOW application_name"), "application_name");
      assertNotNull(c.keyData(), "BackendKeyData received");
      assertEquals("UTF8", c.parameters().get("server_encoding"), "ParameterStatus collected");
      assertEquals(TransactionStatus.IDLE, c.transactionStatus(), "idle");
    }
  }

  @Test
  void cleartextIsRefusedWithoutTlsUnlessPermitted(PostgresCluster pg) throws Exception {
    String user = PostgresCluster.CLEARTEXT_USER;
    BackendAuthenticationException e =
        assertThrows(
            BackendAuthenticationException.class,
            () -> connector.connect(target(pg, user), credential(pg, user)),
            "cleartext over plain TCP");
    assertTrue(e.getMessage().contains("cleartext"), e.getMessage());
    try (BackendConnection c =
        connector.connect(target(pg, user).withCleartextWithoutTls(true), credential(pg, user))) {
      assertEquals(List.of(user), query(c, "SELECT current_user"), "permitted explicitly");
    }
    try (BackendConnection c =
        connector.connect(target(pg, user).withTls(TlsMode.REQUIRE, null), credential(pg, user))) {
      assertTrue(c.isTls(), "over TLS cleartext is fine");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {PostgresCluster.SCRAM_USER, PostgresCluster.MD5_USER})
  void wrongPasswordIsAClearAuthenticationError(String user, PostgresCluster pg) {
    BackendAuthenticationException e =
        assertThrows(
            BackendAuthenticationException.class,
            () -> connector.connect(target(pg, user), BackendCredential.password("not-it-42")));
    assertEquals("28P01", e.sqlState(), "invalid_password from the target");
    assertTrue(e.serverMessage().contains("password authentication failed"), e.getMessage());
    assertFalse(e.getMessage().contains("not-it-42"), "password never in the message");
  }

  @Test
  void unknownDatabaseIsRejectedWithTargetSqlState(PostgresCluster pg) {
    BackendTarget t =
        new BackendTarget(
            pg.host(),
            pg.port(),
            "no_such_db",
            PostgresCluster.TRUST_USER,
            TlsMode.DISABLE,
            null,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            false,
            Map.of());
    BackendRejectedException e =
        assertThrows(
            BackendRejectedException.class, () -> connector.connect(t, credential(pg, "x")));
    assertEquals("3D000", e.sqlState(), "invalid_catalog_name");
  }

  @Test
  void targetDownFailsFastAndSpecifically() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    BackendTarget t = BackendTarget.of("127.0.0.1", port, "db", "u");
    assertTimeoutPreemptively(
        Duration.ofSeconds(3),
        () ->
            assertThrows(
                BackendUnavailableException.class,
                () -> connector.connect(t, BackendCredential.password("pw"))),
        "refused connection");
  }

  @Test
  void silentTargetTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      BackendTarget t =
          BackendTarget.of("127.0.0.1", silent.getLocalPort(), "db", "u")
              .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
      assertTimeoutPreemptively(
          Duration.ofSeconds(3),
          () ->
              assertThrows(
                  BackendUnavailableException.class,
                  () -> connector.connect(t, BackendCredential.password("pw"))),
          "handshake timeout");
    }
  }

  @Test
  void tlsRequireUsesScramWithChannelBinding(PostgresCluster pg) throws Exception {
    String user = PostgresCluster.SCRAM_USER;
    try (BackendConnection c =
        connector.connect(target(pg, user).withTls(TlsMode.REQUIRE, null), credential(pg, user))) {
      assertTrue(c.isTls(), "TLS socket");
      assertEquals("SCRAM-SHA-256-PLUS", c.authenticationMethod(), "channel binding used");
      assertEquals(
          List.of("t"),
          query(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"),
          "server sees TLS");
    }
  }

  @Test
  void verifyFullAcceptsTheRightCaAndHost(PostgresCluster pg) throws Exception {
    String user = PostgresCluster.SCRAM_USER;
    BackendTarget t =
        BackendTarget.of("localhost", pg.port(), pg.database(), user)
            .withTls(TlsMode.VERIFY_FULL, pg.caCertificate());
    try (BackendConnection c = connector.connect(t, credential(pg, user))) {
      assertTrue(c.isTls(), "verified TLS");
    }
  }

  @Test
  void verifyFullRefusesWrongHostName(PostgresCluster pg) {
    BackendTarget t =
        target(pg, PostgresCluster.SCRAM_USER).withTls(TlsMode.VERIFY_FULL, pg.caCertificate());
    BackendTlsException e =
        assertThrows(
            BackendTlsException.class,
            () -> connector.connect(t, credential(pg, PostgresCluster.SCRAM_USER)));
    assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
  }

  @Test
  void verifyCaRefusesUnrelatedCa(PostgresCluster pg) {
    BackendTarget t =
        BackendTarget.of("localhost", pg.port(), pg.database(), PostgresCluster.SCRAM_USER)
            .withTls(TlsMode.VERIFY_CA, pg.unrelatedCaCertificate());
    assertThrows(
        BackendTlsException.class,
        () -> connector.connect(t, credential(pg, PostgresCluster.SCRAM_USER)),
        "untrusted chain");
  }

  @Test
  void resetDiscardsSessionStateAndRollsBack(PostgresCluster pg) throws Exception {
    String user = PostgresCluster.SCRAM_USER;
    try (BackendConnection c = connector.connect(target(pg, user), credential(pg, user))) {
      query(c, "SET application_name = 'dirty'");
      query(c, "BEGIN");
      c.reset();
      assertEquals(TransactionStatus.IDLE, c.transactionStatus(), "transaction rolled back");
      assertEquals(List.of("gatehouse"), query(c, "SHOW application_name"), "settings discarded");
    }
  }

  @Test
  void cancelRequestReachesTheSession(PostgresCluster pg) throws Exception {
    String user = PostgresCluster.SCRAM_USER;
    BackendTarget t = target(pg, user);
    try (BackendConnection c = connector.connect(t, credential(pg, user))) {
      c.send(FrontendEncoder.query("SELECT pg_sleep(30)"));
      Thread.sleep(200);
      connector.cancel(t, c.keyData());
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            BackendMessage m;
            do {
              m = BackendMessages.parse(c.read());
            } while (!(m instanceof BackendMessage.ErrorResponse));
            assertEquals(
                "57014", ((BackendMessage.ErrorResponse) m).fields().sqlState(), "canceled");
          });
      assertInstanceOf(ReadyForQuery.class, BackendMessages.parse(c.read()), "ready again");
    }
  }

  @Test
  void extraParametersReachTheTarget(PostgresCluster pg) throws Exception {
    String user = PostgresCluster.TRUST_USER;
    BackendTarget t = target(pg, user).withExtraParameters(Map.of("TimeZone", "Asia/Tokyo"));
    try (BackendConnection c = connector.connect(t, credential(pg, user))) {
      assertEquals("Asia/Tokyo", c.parameters().get("TimeZone"), "ParameterStatus reflects it");
      assertFalse(query(c, "SELECT 1").isEmpty(), "usable");
    }
  }
}
