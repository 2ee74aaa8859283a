package it.io.gatehouse.support;

import jakarta.json.Json;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH sshd (scripts/sshd-test-target.sh) registered as a gateway connection, and the
 * real {@code ssh} client run through the gateway's SSH listener with an access token as password.
 */
public final class SshTarget implements AutoCloseable {

  static final int GATEWAY_SSH_PORT = Integer.getInteger("it.ssh.port", 2222);
  static final Path SCRIPT = Path.of("../scripts/sshd-test-target.sh").toAbsolutePath();

  private final Path dir;
  private final Path work;
  public final String connection;

  private SshTarget(Path dir, Path work, String connection) {
    this.dir = dir;
    this.work = work;
    this.connection = connection;
  }

  /** Starts sshd and registers it as {@code connection} for {@code accessGroup}. */
  public static SshTarget start(String connection, String accessGroup, String adminToken)
      throws IOException, InterruptedException {
    return start(connection, accessGroup, adminToken, java.util.Map.of(), null);
  }

  /**
   * As {@link #start(String, String, String)}, with sshd-test-target.sh's settings in {@code env}
   * (e.g. {@code GATEHOUSE_SSHD_PERMIT_OPEN}) and the connection under {@code policy} (or none).
   */
  public static SshTarget start(
      String connection,
      String accessGroup,
      String adminToken,
      java.util.Map<String, String> env,
      String policy)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "gatehouse-sshd-ui-");
    Path work = Files.createTempDirectory("gatehouse-ssh-ui-");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ProcessBuilder script = new ProcessBuilder(SCRIPT.toString(), "start", "" + dir, "" + port);
    script.environment().putAll(env);
    Result started = run(work, script);
    if (started.exit() != 0) {
      throw new IllegalStateException("sshd target did not start: " + started);
    }
    SshTarget target = new SshTarget(dir, work, connection);
    Gateway.send(Gateway.authorized("/api/v1/connections/" + connection, adminToken).DELETE());
    var body =
        Json.createObjectBuilder()
            .add("name", connection)
            .add("type", "ssh")
            .add("target", Json.createObjectBuilder().add("host", "127.0.0.1").add("port", port))
            .add("hostKey", Files.readString(dir.resolve("ssh_host_ecdsa_key.pub")).trim())
            .add(
                "credential",
                Json.createObjectBuilder()
                    .add("username", "ghtest")
                    .add("privateKey", Files.readString(dir.resolve("client_key"))))
            .add("accessGroups", Json.createArrayBuilder().add(accessGroup));
    if (policy != null) {
      body.add("policy", policy);
    }
    HttpResponse<String> created =
        Gateway.send(
            Gateway.authorized("/api/v1/connections", adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())));
    if (created.statusCode() != 201) {
      target.close();
      throw new IllegalStateException("ssh connection not registered: " + created.body());
    }
    return target;
  }

  /** Runs {@code command} through the gateway as the token's subject. */
  public Result ssh(String token, String command) throws IOException, InterruptedException {
    List<String> args = new java.util.ArrayList<>(List.of("-p", "" + GATEWAY_SSH_PORT));
    args.addAll(CLIENT_OPTIONS);
    args.addAll(List.of(connection + "@127.0.0.1", command));
    ProcessBuilder builder = client(work, "ssh", token, args);
    builder.redirectInput(new File("/dev/null"));
    return run(work, builder);
  }

  /**
   * The real {@code ssh} through the gateway as the token's subject, with {@code options} before
   * the destination; not waited for (the caller reads, waits for or destroys it).
   */
  public Process startSsh(String token, List<String> options, Path stdin, Path stderr)
      throws IOException {
    return startSsh(token, options, stdin, stderr, java.util.Map.of());
  }

  /** As above, with {@code env} added and {@code remote} (a command) after the destination. */
  public Process startSsh(
      String token,
      List<String> options,
      Path stdin,
      Path stderr,
      java.util.Map<String, String> env,
      String... remote)
      throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("-p", "" + GATEWAY_SSH_PORT));
    args.addAll(CLIENT_OPTIONS);
    args.addAll(options);
    args.add(connection + "@127.0.0.1");
    args.addAll(List.of(remote));
    ProcessBuilder builder = client(work, "ssh", token, args);
    builder.environment().putAll(env);
    builder.redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile());
    builder.redirectError(stderr.toFile());
    return builder.start();
  }

  /** A scratch directory of this target's client runs. */
  public Path work() {
    return work;
  }

  /** OpenSSH client options for the ITs: no config, no known hosts, the token as a password. */
  public static final List<String> CLIENT_OPTIONS =
      List.of(
          "-F",
          "/dev/null",
          "-o",
          "StrictHostKeyChecking=no",
          "-o",
          "UserKnownHostsFile=/dev/null",
          "-o",
          "LogLevel=ERROR",
          "-o",
          "PreferredAuthentications=password,keyboard-interactive",
          "-o",
          "PubkeyAuthentication=no",
          "-o",
          "NumberOfPasswordPrompts=1",
          "-o",
          "ConnectTimeout=10");

  /**
   * The real OpenSSH client {@code program} (ssh, scp, sftp) with {@code args}, given {@code token}
   * as its password through SSH_ASKPASS (a script kept in {@code work}).
   */
  public static ProcessBuilder client(Path work, String program, String token, List<String> args)
      throws IOException {
    Path askpass = work.resolve("askpass.sh");
    if (!Files.exists(askpass)) {
      Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' \"$GATEHOUSE_IT_TOKEN\"\n");
      Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
    }
    List<String> command = new java.util.ArrayList<>(List.of(program));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().put("SSH_ASKPASS", askpass.toString());
    builder.environment().put("SSH_ASKPASS_REQUIRE", "force");
    builder.environment().put("DISPLAY", ":0");
    builder.environment().put("GATEHOUSE_IT_TOKEN", token);
    return builder;
  }

  private static Result run(Path work, ProcessBuilder builder)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(builder.command() + " did not finish: " + Files.readString(err));
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Override
  public void close() throws IOException {
    try {
      run(work, new ProcessBuilder(List.of(SCRIPT.toString(), "stop", dir.toString())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A finished process: exit status and what it wrote. */
  public record Result(int exit, String out, String err) {}
}
