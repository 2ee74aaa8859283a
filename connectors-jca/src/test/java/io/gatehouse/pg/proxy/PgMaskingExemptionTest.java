package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.sql.SqlClassifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy's {@code masking.exemptGroups} through the real listener, the real policy compilation
 * and a real PostgreSQL: the same query under the same policy returns clear card numbers to an
 * identity in an exempt group and masked ones to an identity outside it.
 */
@ExtendWith(PostgresCluster.class)
class PgMaskingExemptionTest {

  static final String CARD = "4111111111111111";
  static final String MASKED = "************1111";
  static final String AUDITOR_TOKEN = "auditor-token";
  static final String QUERY = "SELECT card, note FROM exemption_cards ORDER BY id";

  static final String POLICY =
      """
      {"name":"test-policy","defaultAction":"allow","rules":[],
       "masking":{"exemptGroups":["auditors"],"rules":[
        {"id":"card-column","columns":["exemption_cards.card"],"strategy":"partial"},
        {"id":"cards","detector":"payment-card","strategy":"partial"}]}}
      """;

  static ProxyHarness proxy;
  static EventSpool spool;

  @BeforeAll
  static void start(PostgresCluster pg, @TempDir Path dir) throws Exception {
    spool = EventSpool.open(dir, false);
    proxy =
        new ProxyHarness(
            pg, null, new PolicySessionRules(new SqlClassifier(), spool, null, Clock.systemUTC()));
    proxy.policyDocument = POLICY;
    // Ivy audits payments: a group the policy exempts, besides one it does not.
    proxy.identities.put(
        AUDITOR_TOKEN, new ProxyHarness.Identity("ivy", Set.of("analysts", "auditors")));
    try (Connection c = pg.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS exemption_cards");
      s.execute("CREATE TABLE exemption_cards (id int primary key, card text, note text)");
      s.execute("INSERT INTO exemption_cards VALUES (1, '" + CARD + "', 'paid with " + CARD + "')");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    spool.close();
  }

  @Test
  void anExemptGroupSeesCardsInClearAndAnyoneElseSeesThemMasked() throws Exception {
    assertEquals(
        "card=" + CARD + " note=paid with " + CARD,
        firstRow(AUDITOR_TOKEN),
        "ivy, in the exempt group auditors, sees the column and the detected card in clear");
    assertEquals(
        "card=" + MASKED + " note=paid with " + MASKED,
        firstRow(ProxyHarness.GOOD_TOKEN),
        "alice, in dba only, sees both masked");
    assertEquals(
        "card=" + CARD + " note=paid with " + CARD,
        firstRow(AUDITOR_TOKEN),
        "the exemption is per identity, not per compiled policy: ivy again after alice");
  }

  private static String firstRow(String token) throws Exception {
    try (Connection c = DriverManager.getConnection(proxy.jdbcUrl("orders", "disable", token));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      assertTrue(rs.next(), "the row");
      return "card=" + rs.getString("card") + " note=" + rs.getString("note");
    }
  }
}
