package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.sql.SqlClassifier;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL security regression suite: one case per line of {@code security/pg-cases.tsv}
 * (masking bypasses, statement smuggling, startup edge cases), each run through the real listener,
 * the real SQL classifier and a real policy against a real PostgreSQL, with psql or the JDBC
 * driver. Writes {@code target/security-cases/pg.tsv} (case, expected, outcome, what was seen) and
 * fails any case whose outcome differs from the one the table states. A case expected to {@code
 * leak} is a documented limitation (docs/SECURITY-CASES.md): the test checks it still behaves as
 * documented.
 */
@ExtendWith(PostgresCluster.class)
class PgSecurityCasesTest {

  static final List<String> SECRETS =
      List.of("4111111111111111", "ann@example.com", "536-22-1234", "vip-777-secret");

  static final String POLICY =
      """
      {"name":"test-policy","recording":"strict","defaultAction":"allow",
       "rules":[
        {"id":"no-drop","action":"block","when":{"sql":{"kinds":["DROP","TRUNCATE"]}}},
        {"id":"no-unbounded-delete","action":"block",
         "when":{"sql":{"kinds":["DELETE"],"withoutWhere":true}}},
        {"id":"no-do","action":"block","when":{"sql":{"kinds":["DO"]}}},
        {"id":"no-copy-program","action":"block","when":{"sql":{"kinds":["COPY_PROGRAM"]}}},
        {"id":"no-role","action":"block","when":{"sql":{"kinds":["ROLE"]}}},
        {"id":"no-file-read","action":"block",
         "when":{"sql":{"functions":["pg_read_file","pg_read_binary_file","pg_ls_dir"]}}}],
       "masking":{"rules":[
        {"id":"cards","detector":"payment-card","strategy":"redact"},
        {"id":"emails","detector":"email","strategy":"redact"},
        {"id":"ssn","detector":"us-ssn","strategy":"redact"},
        {"id":"notes","columns":["*.note"],"strategy":"redact"}]}}
      """;

  static ProxyHarness proxy;
  static PostgresCluster cluster;
  static EventSpool spool;
  static final List<String> report = new ArrayList<>();

  /** One line of the table. */
  record Case(String id, String area, String client, String input, String expect, String detail) {
    static Case parse(String line) {
      String[] f = line.split("\t", -1);
      if (f.length < 5) {
        throw new IllegalArgumentException("a case needs 5 or 6 tab-separated fields: " + line);
      }
      return new Case(f[0], f[1], f[2], f[3].replace("\\n", "\n"), f[4], f.length > 5 ? f[5] : "");
    }
  }

  /** What a client saw: whether it succeeded, and every text that came back. */
  record Seen(boolean ok, String output) {}

  @BeforeAll
  static void start(PostgresCluster pg, @TempDir Path dir) throws Exception {
    cluster = pg;
    spool = EventSpool.open(dir, false);
    proxy =
        new ProxyHarness(
            pg, null, new PolicySessionRules(new SqlClassifier(), spool, null, Clock.systemUTC()));
    proxy.policyDocument = POLICY;
    resetTable();
  }

  @AfterAll
  static void stop() throws IOException {
    proxy.close();
    spool.close();
    Path out = Path.of("target", "security-cases");
    Files.createDirectories(out);
    Files.write(out.resolve("pg.tsv"), report);
  }

  static void resetTable() throws SQLException {
    try (Connection c = cluster.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS customers CASCADE");
      s.execute(
          "CREATE TABLE customers (id int primary key, name text, card text, email text,"
              + " ssn text, note text)");
      s.execute(
          "INSERT INTO customers VALUES (1, 'Ann', '4111111111111111', 'ann@example.com',"
              + " '536-22-1234', 'vip-777-secret'), (2, 'Bob', null, null, null, null)");
    }
  }

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/security/pg-cases.tsv");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          cases.add(Case.parse(line));
        }
      }
    }
    assertTrue(cases.size() > 50, "the table was read: " + cases.size());
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.input(), () -> run(c)));
  }

  private void run(Case c) throws Exception {
    Seen seen =
        switch (c.client()) {
          case "psql" -> psql(c.input());
          case "extended" -> extended(c.input());
          case "startup" -> startup(c.input());
          default -> throw new IllegalArgumentException("unknown client " + c.client());
        };
    String leaked = SECRETS.stream().filter(seen.output()::contains).findFirst().orElse(null);
    String problem = check(c, seen, leaked);
    int rows = rowsLeft();
    if (rows != 2) {
      problem =
          (problem == null ? "" : problem + "; ") + "the table holds " + rows + " rows, not 2";
      resetTable();
    }
    String outcome = problem == null ? "PASS" : "FAIL";
    String line =
        String.join(
            "\t", c.id(), c.expect(), outcome, seen.output().replaceAll("\\s+", " ").strip());
    report.add(line);
    System.out.println("security-case " + line);
    if (problem != null) {
      fail(c.id() + ": " + problem + "\n--- output ---\n" + seen.output());
    }
  }

  private static String check(Case c, Seen seen, String leaked) {
    String out = seen.output();
    return switch (c.expect()) {
      case "masked" -> !seen.ok() ? "expected to run" : leaked != null ? "leaked " + leaked : null;
      case "blocked" ->
          seen.ok() || !out.contains("blocked by rule")
              ? "expected a policy block"
              : leaked != null ? "leaked " + leaked : null;
      case "unanalysable" ->
          seen.ok() || !out.contains("statement is blocked: the statement could not be analysed")
              ? "expected the fail-closed refusal of what cannot be analysed"
              : leaked != null ? "leaked " + leaked : null;
      case "error" -> seen.ok() ? "expected an error" : leaked != null ? "leaked " + leaked : null;
      case "denied" ->
          seen.ok() || !out.contains(c.detail())
              ? "expected an error naming " + c.detail()
              : leaked != null
                  ? "leaked " + leaked
                  : out.contains("PGCOPY") ? "binary COPY data reached the client" : null;
      case "allowed" ->
          !seen.ok() || !out.contains(c.detail()) ? "expected to run and show " + c.detail() : null;
      case "refused" ->
          seen.ok()
                  || !out.contains("FATAL")
                  || !out.toLowerCase(Locale.ROOT).contains(c.detail().toLowerCase(Locale.ROOT))
              ? "expected a FATAL naming " + c.detail()
              : null;
      case "leak" ->
          out.contains(c.detail())
              ? null
              : "documented as a leak of " + c.detail() + " but it did not appear: update the docs";
      default -> "unknown expectation " + c.expect();
    };
  }

  private static int rowsLeft() throws SQLException {
    try (Connection c = cluster.connect(PostgresCluster.SUPERUSER);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  private static Seen psql(String sql) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "psql",
                "host=127.0.0.1 port=" + proxy.port() + " dbname=orders user=alice sslmode=disable",
                "-X",
                "-A",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql)
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", ProxyHarness.GOOD_TOKEN);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "psql finishes");
    return new Seen(process.exitValue() == 0, new String(output, StandardCharsets.UTF_8));
  }

  /** The extended protocol with binary transfer forced (prepareThreshold=-1). */
  private static Seen extended(String sql) {
    StringBuilder out = new StringBuilder();
    try (Connection c =
            DriverManager.getConnection(
                proxy.jdbcUrl("orders", "disable") + "&prepareThreshold=-1");
        PreparedStatement ps = c.prepareStatement(sql)) {
      // Three runs: the first describes the statement, the later ones reuse it undescribed.
      for (int run = 0; run < 3; run++) {
        drain(ps, ps.execute(), out);
      }
      for (SQLWarning w = ps.getWarnings(); w != null; w = w.getNextWarning()) {
        out.append("WARNING ").append(w.getMessage()).append('\n');
      }
      return new Seen(true, out.toString());
    } catch (SQLException e) {
      for (SQLException x = e; x != null; x = x.getNextException()) {
        out.append("ERROR ").append(x.getSQLState()).append(' ').append(x.getMessage());
        out.append('\n');
      }
      return new Seen(false, out.toString());
    } catch (RuntimeException e) {
      // A refused binary value is empty: the driver cannot decode it.
      return new Seen(false, out + "CLIENT " + e);
    }
  }

  private static void drain(PreparedStatement ps, boolean results, StringBuilder out)
      throws SQLException {
    while (true) {
      if (results) {
        try (ResultSet rs = ps.getResultSet()) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              out.append(rs.getString(i)).append('|');
              byte[] raw = rs.getBytes(i);
              out.append(raw == null ? "" : new String(raw, StandardCharsets.UTF_8)).append('|');
            }
            out.append('\n');
          }
        }
      } else if (ps.getUpdateCount() == -1) {
        break;
      }
      results = ps.getMoreResults();
    }
  }

  /** A raw StartupMessage with the given parameters ({@code user=..;database=..}). */
  private static Seen startup(String parameters) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(body);
    d.writeInt(196608);
    for (String pair : parameters.split(";")) {
      int eq = pair.indexOf('=');
      d.write(pair.substring(0, eq).getBytes(StandardCharsets.UTF_8));
      d.write(0);
      d.write(pair.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
      d.write(0);
    }
    d.write(0);
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(body.size() + 4);
      out.write(body.toByteArray());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      StringBuilder seen = new StringBuilder();
      while (true) {
        int type;
        try {
          type = in.read();
        } catch (IOException e) {
          return new Seen(false, seen + "closed: " + e.getMessage());
        }
        if (type < 0) {
          return new Seen(false, seen + "closed");
        }
        byte[] message = new byte[in.readInt() - 4];
        in.readFully(message);
        if (type == 'R' && message.length >= 4 && message[3] == 3) {
          byte[] token = (ProxyHarness.GOOD_TOKEN + "\0").getBytes(StandardCharsets.UTF_8);
          out.write('p');
          out.writeInt(token.length + 4);
          out.write(token);
          out.flush();
        } else if (type == 'E') {
          seen.append(new String(message, StandardCharsets.UTF_8).replace('\0', ' '));
          return new Seen(false, seen.toString());
        } else if (type == 'Z') {
          return new Seen(true, seen + "ready for query");
        }
      }
    }
  }
}
