package io.gatehouse.pg.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A private PostgreSQL 15 cluster for tests, started once per JVM by {@code
 * scripts/pg-test-cluster.sh} on a free 127.0.0.1 port in a temp directory and stopped by a
 * shutdown hook. TLS is on (certificate for {@code localhost} only, CA at {@link
 * #caCertificate()}).
 *
 * <pre>{@code
 * @ExtendWith(PostgresCluster.class)
 * class MyIT {
 *   @Test void works(PostgresCluster pg) throws Exception {
 *     try (Connection c = pg.connect(PostgresCluster.SCRAM_USER)) { ... }
 *   }
 * }
 * }</pre>
 *
 * Or without the extension: {@code PostgresCluster pg = PostgresCluster.shared();}.
 */
public final class PostgresCluster implements BeforeAllCallback, ParameterResolver {
  public static final String HOST = "127.0.0.1";
  public static final String DATABASE = "gatehouse_test";
  public static final String SUPERUSER = "gh_admin";
  public static final String SCRAM_USER = "gh_scram";
  public static final String MD5_USER = "gh_md5";
  public static final String CLEARTEXT_USER = "gh_clear";
  public static final String TRUST_USER = "gh_trust";

  private static PostgresCluster shared;

  private final Path script;
  private final Path dir;
  private final int port;

  private PostgresCluster(Path script, Path dir, int port) {
    this.script = script;
    this.dir = dir;
    this.port = port;
  }

  /** The per-JVM cluster, started on first use. */
  public static synchronized PostgresCluster shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** JUnit needs a public no-argument constructor; the instance only delegates to shared(). */
  public PostgresCluster() {
    this(null, null, 0);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    shared();
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == PostgresCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return shared();
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public String database() {
    return DATABASE;
  }

  /** The password of a test role ({@code gh_trust} has one too, unused by its trust rule). */
  public String password(String user) {
    return user + "_pw";
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
  }

  /** PEM of the CA that issued the server certificate (subject alternative name localhost). */
  public Path caCertificate() {
    return dir.resolve("tls/ca.crt");
  }

  /** PEM of a CA that issued nothing this server presents, for negative TLS tests. */
  public Path unrelatedCaCertificate() {
    return dir.resolve("tls/other-ca.crt");
  }

  public Path directory() {
    return dir;
  }

  /** A JDBC connection (plain TCP) as {@code user}. */
  public Connection connect(String user) throws SQLException {
    return DriverManager.getConnection(jdbcUrl() + "?sslmode=disable", user, password(user));
  }

  private static PostgresCluster start() {
    try {
      Path script = findScript();
      Path dir = Files.createTempDirectory("gatehouse-pg-");
      int port = freePort();
      PostgresCluster c = new PostgresCluster(script, dir, port);
      c.run("start");
      Runtime.getRuntime().addShutdownHook(new Thread(c::stopAndDelete, "pg-test-cluster-stop"));
      return c;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the PostgreSQL test cluster: " + e.getMessage(), e);
    }
  }

  private void stopAndDelete() {
    try {
      run("stop");
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("pg test cluster in " + dir + " not cleaned up: " + e.getMessage());
    }
  }

  private void run(String action) throws IOException {
    Process p =
        new ProcessBuilder("bash", script.toString(), action, dir.toString(), String.valueOf(port))
            .redirectErrorStream(true)
            .start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("pg-test-cluster.sh " + action + " timed out");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException("pg-test-cluster.sh " + action + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** scripts/pg-test-cluster.sh in the current directory or any parent (module or repo root). */
  private static Path findScript() throws IOException {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path s = d.resolve("scripts/pg-test-cluster.sh");
      if (Files.isRegularFile(s)) {
        return s;
      }
    }
    throw new IOException(
        "scripts/pg-test-cluster.sh not found above " + Path.of("").toAbsolutePath());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
