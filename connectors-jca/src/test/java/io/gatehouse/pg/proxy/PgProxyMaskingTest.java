package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.masking.MaskStrategy;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.MaskingRule;
import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.policy.SessionTimeouts;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real masking plan applied through the listener to a real PostgreSQL, driven by the JDBC driver
 * in text and in binary transfer, with server-prepared statements re-executed (the driver then
 * skips Describe): a masked column never reaches the client unmasked.
 */
@ExtendWith(PostgresCluster.class)
class PgProxyMaskingTest {

  static final String CARD = "4111111111111111";
  static ProxyHarness proxy;

  static final MaskingPlan PLAN =
      MaskingPlan.compile(
          List.of(
              new MaskingRule(
                  "card-columns",
                  List.of("card", "card_num", "blob", "amount", "card_id"),
                  Optional.empty(),
                  MaskStrategy.PARTIAL),
              new MaskingRule(
                  "people-email",
                  List.of("masking_people.email"),
                  Optional.empty(),
                  MaskStrategy.REDACT),
              ProxyHarness.cardDetector()),
          null);

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    proxy =
        ProxyHarness.allowingAll(
            pg,
            new PlanMasking(PLAN),
            (type, json, verdict) -> proxy.events.add(type + " " + json),
            () -> SessionTimeouts.NONE);
    try (Connection c = pg.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS masking_cards, masking_people, masking_other, masking_tx");
      s.execute("CREATE TABLE masking_people (id int, email text)");
      s.execute("CREATE TABLE masking_other (id int, email text)");
      s.execute("INSERT INTO masking_people VALUES (1, 'ann@example.com')");
      s.execute("INSERT INTO masking_other VALUES (1, 'shop@example.com')");
      s.execute(
          "CREATE TABLE masking_cards (id int primary key, card text, card_num int8, blob bytea,"
              + " amount numeric, card_id uuid, other_num int8, note text)");
      s.execute(
          "INSERT INTO masking_cards VALUES (1, '"
              + CARD
              + "', "
              + CARD
              + ", convert_to('"
              + CARD
              + "', 'UTF8'), 1234.50, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', "
              + CARD
              + ", 'pay with "
              + CARD
              + " today')");
    }
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  static Connection connect(boolean binary) throws SQLException {
    return DriverManager.getConnection(
        proxy.jdbcUrl("orders", "disable")
            + "&prepareThreshold=1&binaryTransfer="
            + binary
            + (binary ? "&binaryTransferEnable=NUMERIC,UUID" : ""));
  }

  @Test
  void theSessionsTotalsCountEveryRowRelayedAndEveryRowMasked() throws Exception {
    // 7 rows of which 3 carry a card, then 5 through a cursor fetched 2 at a time (portal
    // suspended twice) of which 2 carry one: 12 rows, 5 masked. The pump adds its counts per
    // result, so a suspended portal's rows count as well as a completed one's.
    String select =
        "SELECT CASE WHEN n %% 2 = 0 THEN '%s' ELSE 'none' END AS v FROM generate_series(1, %d) n";
    try (Connection c = connect(false);
        Statement s = c.createStatement()) {
      int seen = 0;
      try (ResultSet rs = s.executeQuery(String.format(select, CARD, 7))) {
        while (rs.next()) {
          seen++;
        }
      }
      c.setAutoCommit(false);
      s.setFetchSize(2);
      try (ResultSet rs = s.executeQuery(String.format(select, CARD, 5))) {
        while (rs.next()) {
          seen++;
        }
      }
      c.commit();
      assertEquals(12, seen);
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline
        && !(proxy.outcomes.stream().anyMatch(o -> o.masked() == 5 && o.statements() >= 2)
            && proxy.events.stream().anyMatch(e -> e.contains("\"rows\":12}")))) {
      Thread.sleep(20);
    }
    assertTrue(
        proxy.outcomes.stream().anyMatch(o -> o.masked() == 5),
        "an outcome with 5 masked rows: " + proxy.outcomes);
    assertTrue(
        proxy.events.stream()
            .anyMatch(e -> e.startsWith("session-end") && e.contains("\"rows\":12}")),
        "a session-end counting 12 rows: "
            + proxy.events.stream().filter(e -> e.startsWith("session-end")).toList());
  }

  @Test
  void textTransferMasksEveryExecutionOfAPreparedStatement() throws Exception {
    try (Connection c = connect(false);
        PreparedStatement ps = c.prepareStatement(SELECT)) {
      for (int run = 0; run < 6; run++) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "the row, run " + run);
          assertEquals(1, rs.getInt("id"), "an unmasked column passes, run " + run);
          assertEquals("************1111", rs.getString("card"), "text column, run " + run);
          // Masked numbers stay numbers a driver can parse: what the masked text leaves of them.
          assertEquals(1111L, rs.getLong("card_num"), "int8 as text, run " + run);
          assertEquals(new java.math.BigDecimal("4.50"), rs.getBigDecimal("amount"), "run " + run);
          assertEquals(1111L, rs.getLong("other_num"), "a card found by detector, " + run);
          assertNull(rs.getObject("card_id"), "uuid under a column rule: NULL, run " + run);
          assertEquals("pay with ************1111 today", rs.getString("note"), "run " + run);
        }
      }
    }
  }

  @Test
  void binaryTransferMasksToValidValuesOrNullAndNeverLeaks() throws Exception {
    try (Connection c = connect(true);
        PreparedStatement ps = c.prepareStatement(SELECT)) {
      for (int run = 0; run < 6; run++) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "the row, run " + run);
          for (int column = 2; column <= 8; column++) {
            assertFalse(
                String.valueOf(rs.getString(column)).contains(CARD),
                "column " + column + " leaks nothing, run " + run);
          }
          if (run == 0) {
            continue; // the driver asks for binary results from the second execution on
          }
          assertEquals(1, rs.getInt("id"), "an unmasked binary int passes, run " + run);
          assertEquals("************1111", rs.getString("card"), "text column, run " + run);
          assertEquals(
              1111L, rs.getLong("card_num"), "int8 masked to its last four digits, run " + run);
          assertEquals(
              1111L, rs.getLong("other_num"), "a card in an int8 found by detector, run " + run);
          assertArrayEquals(
              "************1111".getBytes(StandardCharsets.UTF_8),
              rs.getBytes("blob"),
              "bytea masked as bytes, run " + run);
          assertNull(rs.getObject("amount"), "binary numeric cannot be rewritten: NULL, " + run);
          assertNull(rs.getObject("card_id"), "binary uuid under a column rule: NULL, " + run);
          assertEquals("pay with ************1111 today", rs.getString("note"), "run " + run);
          assertNotEquals(CARD, String.valueOf(rs.getLong("card_num")), "never the card");
        }
        if (run > 0) {
          SQLWarning warning = ps.getWarnings();
          assertTrue(
              warning != null && warning.getMessage().contains("\"amount\""),
              "a notice names the column sent as NULL: " + warning);
        }
      }
    }
  }

  /**
   * jsonb in binary format is a version byte and the JSON text: masked behind the byte, so a client
   * that asked for binary jsonb (pgx, asyncpg) gets valid masked jsonb, not NULL.
   */
  @Test
  void binaryJsonbIsMaskedBehindItsVersionByte() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                proxy.jdbcUrl("orders", "disable")
                    + "&prepareThreshold=1&binaryTransfer=true&binaryTransferEnable=3802");
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT jsonb_build_object('note', note, 'id', id) AS doc,"
                    + " jsonb_build_object('id', id) AS plain FROM masking_cards WHERE id = ?")) {
      for (int run = 0; run < 4; run++) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "the row, run " + run);
          byte[] doc = rs.getBytes("doc");
          assertFalse(new String(doc, StandardCharsets.UTF_8).contains(CARD), "run " + run);
          if (run == 0) {
            continue; // the driver asks for binary results from the second execution on
          }
          assertEquals(1, doc[0], "jsonb version byte kept, run " + run);
          assertEquals(
              "{\"id\": 1, \"note\": \"pay with ************1111 today\"}",
              new String(doc, 1, doc.length - 1, StandardCharsets.UTF_8),
              "the JSON text masked, run " + run);
          byte[] plain = rs.getBytes("plain");
          assertEquals(
              "\u0001{\"id\": 1}",
              new String(plain, StandardCharsets.UTF_8),
              "nothing to mask: passed as it came, run " + run);
        }
        assertNull(ps.getWarnings(), "no column withheld, run " + run);
      }
    }
  }

  /**
   * Arrays in binary format are masked element by element with their element type's rule; an
   * element that has no masked form becomes a NULL element, so the array stays valid.
   */
  @Test
  void binaryArraysAreMaskedElementByElement() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                proxy.jdbcUrl("orders", "disable")
                    + "&prepareThreshold=1&binaryTransfer=true"
                    + "&binaryTransferEnable=1009,1016"); // the driver reads these binary arrays
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ARRAY[note, 'x', NULL] AS notes, ARRAY[other_num, 7] AS nums,"
                    + " ARRAY[amount, 4111111111111111] AS amounts, ARRAY[id, id] AS ids"
                    + " FROM masking_cards WHERE id = ?")) {
      for (int run = 0; run < 4; run++) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "the row, run " + run);
          assertArrayEquals(
              new String[] {"pay with ************1111 today", "x", null},
              (Object[]) rs.getArray("notes").getArray(),
              "text[] masked element by element, run " + run);
          assertArrayEquals(
              new Long[] {1111L, 7L},
              (Object[]) rs.getArray("nums").getArray(),
              "int8[]: the card found by detector keeps its last four digits, run " + run);
          assertArrayEquals(
              new Object[] {new java.math.BigDecimal("1234.50"), new java.math.BigDecimal("1111")},
              (Object[]) rs.getArray("amounts").getArray(),
              "numeric[] as text: still numbers, the card's last four digits, run " + run);
          assertArrayEquals(
              new Integer[] {1, 1},
              (Object[]) rs.getArray("ids").getArray(),
              "int4[] (no rule, no match) passes, run " + run);
        }
        assertNull(ps.getWarnings(), "no column withheld, run " + run);
      }
    }
  }

  @Test
  void aBinaryValueADetectorDoesNotMatchIsPassedUnchanged() throws Exception {
    try (Connection c = connect(true);
        PreparedStatement ps =
            c.prepareStatement("SELECT other_num + 1 AS n, now() AS t FROM masking_cards")) {
      for (int run = 0; run < 3; run++) {
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "row");
          assertEquals(Long.parseLong(CARD) + 1, rs.getLong("n"), "not a valid card: unchanged");
          assertFalse(rs.getTimestamp("t") == null, "a timestamp is never withheld by detectors");
        }
      }
    }
  }

  @Test
  void aTableQualifiedRuleMasksThatTablesColumnUnderAnyAliasAndNoOther() throws Exception {
    for (boolean binary : new boolean[] {false, true}) {
      try (Connection c = connect(binary);
          Statement s = c.createStatement()) {
        assertEquals("****", one(s, "SELECT email FROM masking_people"), "the column itself");
        assertEquals("****", one(s, "SELECT email AS e FROM masking_people"), "under an alias");
        assertEquals(
            "****",
            one(
                s,
                "SELECT p.email AS contact FROM masking_people p"
                    + " JOIN masking_other o ON o.id = p.id"),
            "through a join and a table alias");
        assertEquals(
            "shop@example.com",
            one(s, "SELECT email FROM masking_other"),
            "another table's email is not masked");
        assertEquals(
            "1", one(s, "SELECT id AS email FROM masking_people"), "a label alone is not it");
        assertEquals(
            "****",
            one(s, "SELECT upper(email) AS email FROM masking_people"),
            "an expression labelled like the column is masked (no table: errs towards masking)");
        try (PreparedStatement ps =
            c.prepareStatement("SELECT email AS e FROM masking_people WHERE id = ?")) {
          for (int run = 0; run < 4; run++) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
              assertTrue(rs.next(), "row");
              assertEquals("****", rs.getString(1), "prepared, run " + run + ", binary " + binary);
            }
          }
        }
      }
    }
  }

  @Test
  void aTableNotYetCommittedIsMaskedByLabel() throws Exception {
    try (Connection c = connect(false);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("CREATE TABLE masking_tx (email text)");
      s.execute("INSERT INTO masking_tx VALUES ('tx@example.com')");
      assertEquals(
          "****",
          one(s, "SELECT email FROM masking_tx"),
          "the catalog lookup cannot see the table yet: masked by name, to be safe");
      c.rollback();
    }
  }

  @Test
  void psqlSeesATableQualifiedColumnMaskedUnderAnAlias() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "psql",
                "host=127.0.0.1 port=" + proxy.port() + " dbname=orders user=alice sslmode=disable",
                "-X",
                "-A",
                "-t",
                "-c",
                "SELECT email AS e, (SELECT email FROM masking_other) AS o FROM masking_people")
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", ProxyHarness.GOOD_TOKEN);
    Process psql = builder.start();
    assertTrue(psql.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "psql finishes");
    String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals("****|shop@example.com", out, "psql output");
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), "a row from " + sql);
      return rs.getString(1);
    }
  }

  static final String SELECT =
      "SELECT id, card, card_num, blob, amount, card_id, other_num, note FROM masking_cards"
          + " WHERE id = ?";
}
