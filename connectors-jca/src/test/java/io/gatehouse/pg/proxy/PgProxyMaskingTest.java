package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.masking.DetectorKind;
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
                  "cards",
                  List.of(),
                  Optional.of(DetectorKind.PAYMENT_CARD),
                  MaskStrategy.PARTIAL)),
          null);

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    proxy =
        ProxyHarness.allowingAll(
            pg, new PlanMasking(PLAN), (type, json, verdict) -> {}, () -> SessionTimeouts.NONE);
    try (Connection c = pg.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS masking_cards");
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
  void textTransferMasksEveryExecutionOfAPreparedStatement() throws Exception {
    try (Connection c = connect(false);
        PreparedStatement ps = c.prepareStatement(SELECT)) {
      for (int run = 0; run < 6; run++) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "the row, run " + run);
          assertEquals(1, rs.getInt("id"), "an unmasked column passes, run " + run);
          assertEquals("************1111", rs.getString("card"), "text column, run " + run);
          assertEquals("************1111", rs.getString("card_num"), "int8 as text, run " + run);
          assertEquals("***4.50", rs.getString("amount"), "numeric as text, run " + run);
          assertEquals(
              "************1111", rs.getString("other_num"), "a card found by detector, " + run);
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

  static final String SELECT =
      "SELECT id, card, card_num, blob, amount, card_id, other_num, note FROM masking_cards"
          + " WHERE id = ?";
}
