package it.io.gatehouse.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL target for integration tests: a private cluster started with the project's
 * scripts/pg-test-cluster.sh on a free port, stopped when the JVM exits.
 */
public final class TargetDatabase {

  public static final String SUPERUSER = "gh_admin";
  public static final String SUPERUSER_PASSWORD = "gh_admin_pw";
  public static final String APP_USER = "gh_scram";
  public static final String APP_PASSWORD = "gh_scram_pw";
  public static final String DATABASE = "gatehouse_test";

  private static TargetDatabase shared;

  private final Path dir;
  private final int port;

  private TargetDatabase(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** The one target cluster of this test JVM, started on first use. */
  public static synchronized TargetDatabase shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("gatehouse-it-target");
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
          port = probe.getLocalPort();
        }
        TargetDatabase db = new TargetDatabase(dir, port);
        db.script("start");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> db.scriptQuietly("stop")));
        shared = db;
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the target PostgreSQL", e);
      }
    }
    return shared;
  }

  public int port() {
    return port;
  }

  public Connection superuser() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?sslmode=disable",
        SUPERUSER,
        SUPERUSER_PASSWORD);
  }

  private void script(String action) throws IOException {
    Path script = Path.of("..", "scripts", "pg-test-cluster.sh").toAbsolutePath().normalize();
    Process process =
        new ProcessBuilder(script.toString(), action, dir.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("pg-test-cluster.sh " + action + " timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "pg-test-cluster.sh "
              + action
              + " failed: "
              + new String(process.getInputStream().readAllBytes()));
    }
  }

  private void scriptQuietly(String action) {
    try {
      script(action);
    } catch (IOException ignored) {
      // best effort at JVM exit
    }
  }
}
