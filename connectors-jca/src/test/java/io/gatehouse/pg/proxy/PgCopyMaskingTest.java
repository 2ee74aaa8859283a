package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.masking.MaskStrategy;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.MaskingRule;
import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.pg.wire.FrontendEncoder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

/**
 * COPY … TO STDOUT through the gateway against a real PostgreSQL: a binary COPY is refused while
 * masking is active (one ErrorResponse, one ReadyForQuery, the session still in step) and passed
 * byte for byte when it is not; text and csv lines are masked by detectors; a COPY a column rule
 * may select is refused before it runs.
 */
@ExtendWith(PostgresCluster.class)
class PgCopyMaskingTest {

  static final String CARD = "4111111111111111";
  static final String NOTE = "vip-777-secret";
  static final String BINARY_REFUSAL = "binary COPY output cannot be masked";
  static final String BINARY_COPY = "COPY copy_masking (id, card) TO STDOUT (FORMAT binary)";

  static ProxyHarness masked;
  static ProxyHarness unmasked;
  static PostgresCluster cluster;

  @BeforeAll
  static void start(PostgresCluster pg) throws Exception {
    cluster = pg;
    MaskingPlan plan =
        MaskingPlan.compile(
            List.of(
                ProxyHarness.cardDetector(),
                new MaskingRule(
                    "notes", List.of("copy_masking.note"), Optional.empty(), MaskStrategy.REDACT)),
            null);
    masked = ProxyHarness.allowingAll(pg, new PlanMasking(plan));
    unmasked = ProxyHarness.allowingAll(pg, ResultMasking.NONE);
    try (Connection c = pg.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS copy_masking");
      s.execute("CREATE TABLE copy_masking (id int, card text, note text, raw bytea)");
      s.execute(
          "INSERT INTO copy_masking VALUES (1, '"
              + CARD
              + "', '"
              + NOTE
              + "', '\\xff00fe'), (2, 'none', NULL, NULL)");
    }
  }

  @AfterAll
  static void stop() {
    masked.close();
    unmasked.close();
  }

  @Test
  void aBinaryCopyIsRefusedBeforeAnyDataWithOneErrorAndOneReadyForQuery() throws Exception {
    try (RawClient client = new RawClient(masked.port())) {
      List<RawClient.Message> answer = client.query(BINARY_COPY);
      assertEquals("EZ", RawClient.types(answer), "no CopyOutResponse, no data: " + answer);
      String error = answer.get(0).text();
      assertTrue(error.contains(BINARY_REFUSAL), "the refusal says why: " + error);
      assertTrue(error.contains("C0A000"), "feature_not_supported: " + error);
      assertEquals("TDCZ", RawClient.types(client.query("SELECT 1")), "the session is in step");
    }
  }

  @Test
  void aBinaryCopyIsRefusedInTheExtendedProtocol() throws Exception {
    try (RawClient client = new RawClient(masked.port())) {
      List<RawClient.Message> answer = client.extended(BINARY_COPY);
      assertEquals("12EZ", RawClient.types(answer), "refused where the COPY stood: " + answer);
      assertTrue(answer.get(2).text().contains(BINARY_REFUSAL), "the refusal: " + answer);
      assertEquals("12DCZ", RawClient.types(client.extended("SELECT 1")), "in step after it");
    }
  }

  @Test
  void statementsAfterARefusedBinaryCopyInOneQueryStillRunAndAnswer() throws Exception {
    try (RawClient client = new RawClient(masked.port())) {
      List<RawClient.Message> answer = client.query(BINARY_COPY + "; SELECT 1");
      assertEquals("ETDCZ", RawClient.types(answer), "the refusal, then SELECT 1's result");
    }
  }

  @Test
  void pgjdbcGetsTheRefusalAndKeepsItsConnection() throws Exception {
    try (Connection c = DriverManager.getConnection(masked.jdbcUrl("orders", "disable"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> c.unwrap(PGConnection.class).getCopyAPI().copyOut(BINARY_COPY, out));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains(BINARY_REFUSAL), e.getMessage());
      assertEquals(0, out.size(), "not a byte of the COPY reached the client");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT 1")) {
        assertTrue(rs.next() && rs.getInt(1) == 1, "SELECT 1 on the same connection");
      }
    }
  }

  @Test
  void withoutMaskingABinaryCopyIsPassedByteForByte() throws Exception {
    String copy = "COPY copy_masking TO STDOUT (FORMAT binary)";
    byte[] direct;
    try (Connection c = cluster.connect(PostgresCluster.SUPERUSER)) {
      direct = copyOut(c, copy);
    }
    try (Connection c = DriverManager.getConnection(unmasked.jdbcUrl("orders", "disable"))) {
      assertArrayEquals(direct, copyOut(c, copy), "identical to the database's own output");
    }
    assertTrue(
        new String(direct, StandardCharsets.ISO_8859_1).contains(CARD), "the data holds the card");
  }

  @Test
  void textAndCsvCopyLinesAreMaskedByDetectors() throws Exception {
    try (Connection c = DriverManager.getConnection(masked.jdbcUrl("orders", "disable"))) {
      for (String format : List.of("text", "csv")) {
        String out =
            new String(
                copyOut(c, "COPY copy_masking (id, card) TO STDOUT (FORMAT " + format + ")"),
                StandardCharsets.UTF_8);
        assertFalse(out.contains(CARD), format + ": " + out);
        assertTrue(out.contains("************1111"), format + " keeps the last four: " + out);
        assertTrue(out.contains("none"), format + ": other values as stored: " + out);
      }
    }
  }

  @Test
  void aCopyAColumnRuleMaySelectIsRefusedBeforeItRuns() throws Exception {
    try (Connection c = DriverManager.getConnection(masked.jdbcUrl("orders", "disable"))) {
      for (String copy :
          List.of(
              "COPY copy_masking (id, note) TO STDOUT",
              "COPY public.copy_masking (\"note\") TO STDOUT (FORMAT csv)",
              "COPY copy_masking TO STDOUT",
              "COPY (SELECT id FROM copy_masking) TO STDOUT",
              "SELECT 1; COPY copy_masking TO STDOUT")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> c.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out),
                copy);
        assertEquals("42501", e.getSQLState(), copy + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("\"notes\""), copy + " names the rule: " + e);
        assertFalse(out.toString(StandardCharsets.UTF_8).contains(NOTE), copy);
      }
      String allowed =
          new String(copyOut(c, "COPY copy_masking (id, card) TO STDOUT"), StandardCharsets.UTF_8);
      assertTrue(allowed.startsWith("1\t"), "columns no column rule selects: " + allowed);
    }
  }

  private static byte[] copyOut(Connection c, String sql) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
    return out.toByteArray();
  }

  /** A client that speaks the protocol itself, to see every message the gateway sends. */
  static final class RawClient implements AutoCloseable {

    record Message(char type, byte[] body) {
      String text() {
        return new String(body, StandardCharsets.UTF_8).replace('\0', ' ');
      }

      @Override
      public String toString() {
        return type + "[" + text() + "]";
      }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(15_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      out.write(FrontendEncoder.startupMessage(Map.of("user", "alice", "database", "orders")));
      out.flush();
      while (true) {
        Message m = read();
        if (m.type() == 'R' && m.body().length >= 4 && m.body()[3] == 3) {
          out.write(FrontendEncoder.passwordMessage(ProxyHarness.GOOD_TOKEN));
          out.flush();
        } else if (m.type() == 'E') {
          throw new IOException("startup failed: " + m);
        } else if (m.type() == 'Z') {
          return;
        }
      }
    }

    List<Message> query(String sql) throws IOException {
      out.write(FrontendEncoder.query(sql));
      out.flush();
      return untilReady();
    }

    List<Message> extended(String sql) throws IOException {
      out.write(FrontendEncoder.parse("", sql, List.of()));
      out.write(FrontendEncoder.bind("", "", List.of(), List.of(), List.of()));
      out.write(FrontendEncoder.execute("", 0));
      out.write(FrontendEncoder.sync());
      out.flush();
      return untilReady();
    }

    private List<Message> untilReady() throws IOException {
      List<Message> messages = new java.util.ArrayList<>();
      Message m;
      do {
        m = read();
        if (m.type() != 'S' && m.type() != 'N') { // parameter status and notices aside
          messages.add(m);
        }
      } while (m.type() != 'Z');
      return messages;
    }

    private Message read() throws IOException {
      char type = (char) in.readUnsignedByte();
      byte[] body = new byte[in.readInt() - 4];
      in.readFully(body);
      return new Message(type, body);
    }

    static String types(List<Message> messages) {
      StringBuilder types = new StringBuilder();
      messages.forEach(m -> types.append(m.type()));
      return types.toString();
    }

    @Override
    public void close() throws IOException {
      out.write(FrontendEncoder.terminate());
      out.flush();
      socket.close();
    }
  }
}
