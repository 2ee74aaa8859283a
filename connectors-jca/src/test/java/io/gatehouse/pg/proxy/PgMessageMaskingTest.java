package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.pg.testing.PostgresCluster;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

/**
 * Values that PostgreSQL echoes in the fields of notices and errors, rather than in rows, are
 * masked on their way to the client: a RAISE NOTICE's message and the internal query of a
 * function's failing dynamic SQL. Each case first shows, on a direct connection, that PostgreSQL
 * really sends the card in that field.
 */
@ExtendWith(PostgresCluster.class)
class PgMessageMaskingTest {

  static final String CARD = "4111111111111111";
  static final String MASKED_CARD = "************1111";

  static final String NOTICE = "DO $$ BEGIN RAISE NOTICE 'card %', '" + CARD + "'; END $$";

  // The relation is missing: the error has a position, so PostgreSQL reports the dynamic SQL as
  // the internal query (field q) and the message names only the relation.
  static final String DYNAMIC_SQL_ERROR =
      "DO $$ BEGIN EXECUTE 'SELECT ''" + CARD + "'' FROM no_such_relation'; END $$";

  static ProxyHarness proxy;
  static PostgresCluster cluster;

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    cluster = pg;
    proxy =
        ProxyHarness.allowingAll(
            pg, new PlanMasking(MaskingPlan.compile(List.of(ProxyHarness.cardDetector()), null)));
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static Connection throughTheGateway() throws Exception {
    return DriverManager.getConnection(proxy.jdbcUrl("orders", "disable"));
  }

  private static ServerErrorMessage noticeOf(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(NOTICE);
      SQLWarning warning = s.getWarnings();
      assertNotNull(warning, "the notice arrives as a warning");
      return ((PSQLWarning) warning).getServerErrorMessage();
    }
  }

  private static ServerErrorMessage errorOf(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      PSQLException e = assertThrows(PSQLException.class, () -> s.execute(DYNAMIC_SQL_ERROR));
      assertEquals("42P01", e.getSQLState(), "undefined table: " + e.getMessage());
      return e.getServerErrorMessage();
    }
  }

  @Test
  void aNoticeReachesTheClientMasked() throws Exception {
    try (Connection direct = cluster.connect(PostgresCluster.SUPERUSER)) {
      assertEquals("card " + CARD, noticeOf(direct).getMessage(), "PostgreSQL sends the card");
    }
    try (Connection c = throughTheGateway()) {
      ServerErrorMessage notice = noticeOf(c);
      assertEquals("NOTICE", notice.getSeverity(), "still a notice");
      assertEquals("card " + MASKED_CARD, notice.getMessage(), "the message, masked");
      assertFalse(notice.toString().contains(CARD), "no field carries the card: " + notice);
      try (Statement s = c.createStatement()) {
        assertTrue(s.execute("SELECT 1"), "the session goes on");
      }
    }
  }

  @Test
  void theInternalQueryOfAnErrorReachesTheClientMasked() throws Exception {
    try (Connection direct = cluster.connect(PostgresCluster.SUPERUSER)) {
      ServerErrorMessage error = errorOf(direct);
      assertNotNull(error.getInternalQuery(), "PostgreSQL sends an internal query: " + error);
      assertTrue(error.getInternalQuery().contains(CARD), "with the card: " + error);
      assertFalse(error.getMessage().contains(CARD), "and only there: " + error.getMessage());
    }
    try (Connection c = throughTheGateway()) {
      ServerErrorMessage error = errorOf(c);
      assertEquals(
          "SELECT '" + MASKED_CARD + "' FROM no_such_relation",
          error.getInternalQuery(),
          "the internal query, masked");
      assertTrue(error.getInternalPosition() > 0, "its position is passed on: " + error);
      assertFalse(error.toString().contains(CARD), "no field carries the card: " + error);
    }
  }

  @Test
  void psqlInVerboseModeShowsNoCardInANoticeOrAnError() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "psql",
                "host=127.0.0.1 port=" + proxy.port() + " dbname=orders user=alice sslmode=disable",
                "-X",
                "-v",
                "VERBOSITY=verbose",
                "-c",
                NOTICE,
                "-c",
                DYNAMIC_SQL_ERROR)
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", ProxyHarness.GOOD_TOKEN);
    Process psql = builder.start();
    assertTrue(psql.waitFor(30, TimeUnit.SECONDS), "psql finishes");
    String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(out.contains("NOTICE:  00000: card " + MASKED_CARD), "the notice: " + out);
    assertTrue(
        out.contains("QUERY:  SELECT '" + MASKED_CARD + "' FROM no_such_relation"),
        "the internal query: " + out);
    assertFalse(out.contains(CARD), "the card nowhere: " + out);
  }
}
