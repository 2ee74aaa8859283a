package io.gatehouse.ssh.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.ssh.relay.HostKeyPin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/**
 * A real OpenSSH sshd on a free loopback port, started and stopped by {@code
 * scripts/sshd-test-target.sh}. Skips the calling test only when sshd cannot be installed.
 */
public final class SshdTestTarget implements AutoCloseable {

  public static final String USER = "ghtest";
  private static final Path SCRIPT = locateScript();

  private final Path dir;
  private final int port;

  private SshdTestTarget(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static SshdTestTarget start() throws IOException, InterruptedException {
    return start(10);
  }

  /** With sshd's {@code MaxSessions} (channels it allows per connection) set. */
  public static SshdTestTarget start(int maxSessions) throws IOException, InterruptedException {
    return start(Map.of("GATEHOUSE_SSHD_MAX_SESSIONS", Integer.toString(maxSessions)));
  }

  /**
   * With local forwarding allowed to {@code destinations} only (sshd's {@code PermitOpen}, e.g.
   * {@code 127.0.0.1:5432}); the default target refuses all forwarding.
   */
  public static SshdTestTarget startPermittingOpen(String destinations)
      throws IOException, InterruptedException {
    return start(Map.of("GATEHOUSE_SSHD_PERMIT_OPEN", destinations));
  }

  private static SshdTestTarget start(Map<String, String> env)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "gatehouse-sshd-");
    int port = FreePorts.next();
    Result result = run(env, "start", dir.toString(), Integer.toString(port));
    if (result.exit == 2 && "true".equals(System.getenv("CI"))) {
      // CI installs sshd (scripts/install-test-deps.sh): a run without it must not pass green.
      throw new IOException("OpenSSH sshd is required under CI=true: " + result.output);
    }
    assumeTrue(
        result.exit != 2,
        () -> "OpenSSH sshd is not available and cannot be installed: " + result.output);
    if (result.exit != 0) {
      throw new IOException(
          "sshd-test-target.sh start failed (" + result.exit + "): " + result.output);
    }
    return new SshdTestTarget(dir, port);
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return dir;
  }

  /** The key pair the gateway holds for {@link #USER}. */
  public KeyPair clientKey() throws IOException {
    try {
      return new FileKeyPairProvider(dir.resolve("client_key")).loadKeys(null).iterator().next();
    } catch (Exception e) {
      throw new IOException("cannot load client_key", e);
    }
  }

  public HostKeyPin hostKeyPin() throws IOException {
    String line = Files.readString(dir.resolve("ssh_host_ecdsa_key.pub"), StandardCharsets.UTF_8);
    try {
      PublicKey key =
          PublicKeyEntry.parsePublicKeyEntry(line.trim()).resolvePublicKey(null, null, null);
      return HostKeyPin.of(key);
    } catch (Exception e) {
      throw new IOException("cannot parse the host key", e);
    }
  }

  public String log() throws IOException {
    return Files.readString(dir.resolve("sshd.log"));
  }

  @Override
  public void close() throws IOException {
    try {
      run("stop", dir.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping sshd", e);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  private static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = SCRIPT.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Path log = Files.createTempFile("sshd-test-target", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("sshd-test-target.sh " + args[0] + " timed out");
      }
      return new Result(process.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static Path locateScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/sshd-test-target.sh");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "scripts/sshd-test-target.sh not found above " + Path.of("").toAbsolutePath());
  }
}
