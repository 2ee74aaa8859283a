package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.policy.SessionTimeouts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client's startup settings ({@code application_name}, {@code TimeZone}, {@code options}) reach
 * the pooled backend session as they would reach PostgreSQL, through the real listener to a real
 * PostgreSQL; settings that would change the target role, and replication, are refused before the
 * token is asked for; a value the target refuses ends the startup with its message.
 */
@ExtendWith(PostgresCluster.class)
class PgStartupSettingsTest {

  static ProxyHarness proxy;

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    proxy =
        ProxyHarness.allowingAll(
            pg, ResultMasking.NONE, (type, json, verdict) -> {}, () -> SessionTimeouts.NONE);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static Connection connect(Map<String, String> properties) throws SQLException {
    Properties props = new Properties();
    props.putAll(properties);
    return DriverManager.getConnection(proxy.jdbcUrl("orders", "disable"), props);
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void theClientsSettingsReachTheBackendAndItsParameterStatus() throws Exception {
    try (Connection c =
        connect(
            Map.of(
                "ApplicationName",
                "billing-job's \\ runner",
                "options",
                "-c statement_timeout=4321 -c search_path=public,pg_catalog -c TimeZone=Asia/Tokyo"))) {
      assertEquals("billing-job's \\ runner", show(c, "application_name"), "quoting survives");
      assertEquals("4321ms", show(c, "statement_timeout"));
      assertEquals("public,pg_catalog", show(c, "search_path"));
      assertEquals("Asia/Tokyo", show(c, "TimeZone"));
      assertEquals(
          "Asia/Tokyo",
          ((org.postgresql.PGConnection) c).getParameterStatus("TimeZone"),
          "the client is told the value in its ParameterStatus, as by PostgreSQL");
      assertEquals("UTF8", show(c, "client_encoding"));
    }
    try (Connection plain = connect(Map.of("ApplicationName", "second"))) {
      assertEquals("0", show(plain, "statement_timeout"), "the pooled backend was reset");
      assertEquals("second", show(plain, "application_name"));
    }
  }

  @Test
  void psqlsEnvironmentReachesTheBackend() throws Exception {
    String output =
        psql(
            "",
            Map.of("PGAPPNAME", "nightly-report", "PGOPTIONS", "-c lock_timeout=2500"),
            "SELECT current_setting('application_name') || ' ' || current_setting('lock_timeout')");
    assertEquals("nightly-report 2500ms", output);
  }

  // psql through the gateway: its output and errors, stripped.
  private static String psql(String extraConninfo, Map<String, String> env, String sql)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "psql",
                "host=127.0.0.1 port="
                    + proxy.port()
                    + " dbname=orders user=a sslmode=disable "
                    + extraConninfo,
                "-X",
                "-A",
                "-t",
                "-c",
                sql)
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", ProxyHarness.GOOD_TOKEN);
    builder.environment().putAll(env);
    Process psql = builder.start();
    assertTrue(psql.waitFor(30, TimeUnit.SECONDS), "psql finishes");
    return new String(psql.getInputStream().readAllBytes()).strip();
  }

  @Test
  void roleSwitchesAndReplicationAreRefusedAndBadValuesEndTheStartup() throws Exception {
    SQLException role =
        assertThrows(
            SQLException.class, () -> connect(Map.of("options", "-c role=pg_read_all_data")));
    assertEquals("42501", role.getSQLState(), role.getMessage());
    assertTrue(
        role.getMessage().contains("startup parameter role is not allowed"), role.getMessage());

    String replication = psql("replication=database", Map.of(), "SELECT 1");
    assertTrue(
        replication.contains("replication connections are not supported through the gateway"),
        replication);

    SQLException badOption =
        assertThrows(SQLException.class, () -> connect(Map.of("options", "-B 100")));
    assertTrue(badOption.getMessage().contains("only -c name=value"), badOption.getMessage());

    SQLException badValue =
        assertThrows(SQLException.class, () -> connect(Map.of("options", "-c TimeZone=Mars/Base")));
    assertEquals("22023", badValue.getSQLState(), badValue.getMessage());
    assertTrue(badValue.getMessage().contains("Mars/Base"), badValue.getMessage());

    try (Connection after = connect(Map.of())) {
      assertEquals("on", show(after, "enable_seqscan"), "the gateway serves the next client");
    }
  }

  @Test
  void settingsTheGatewayDoesNotApplyAreNamedInANotice() throws Exception {
    try (Connection c = connect(Map.of("options", "-c enable_seqscan=off"))) {
      SQLWarning warning = c.getWarnings();
      assertNotNull(warning, "a notice at startup");
      assertTrue(
          warning.getMessage().contains("not applied through the gateway: enable_seqscan"),
          warning.getMessage());
      assertEquals("on", show(c, "enable_seqscan"), "not applied");
    }
  }
}
