package io.gatehouse.ssh.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real OpenSSH clients ({@code ssh}, {@code scp}, {@code sftp}) against the gateway with a
 * password supplied through {@code SSH_ASKPASS} (no TTY, no sshpass needed). Every run is bounded.
 */
public final class OpenSshClient {

  /** What one client run produced. */
  public record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + ", stdout [" + out + "], stderr [" + err + "]";
    }
  }

  private final Path work;
  private final Path askpass;
  private final int port;
  private final String password;

  public OpenSshClient(Path work, int port, String password) throws IOException {
    this.work = work;
    this.port = port;
    this.password = password;
    this.askpass = work.resolve("askpass.sh");
    Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' \"$GATEHOUSE_TEST_PASSWORD\"\n");
    Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
  }

  /** Options every client gets: no config, no host key prompts, password only, bounded connect. */
  public static List<String> commonOptions() {
    return List.of(
        "-F", "/dev/null",
        "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null",
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "BatchMode=no",
        "-o", "PreferredAuthentications=password,keyboard-interactive",
        "-o", "PubkeyAuthentication=no",
        "-o", "NumberOfPasswordPrompts=1",
        "-o", "ConnectTimeout=10");
  }

  public Run ssh(String user, String... remote) throws IOException, InterruptedException {
    return ssh(user, List.of("-o", "LogLevel=ERROR"), null, remote);
  }

  /** {@code ssh} with extra options and an optional stdin file. */
  public Run ssh(String user, List<String> options, Path stdin, String... remote)
      throws IOException, InterruptedException {
    return run(sshCommand(user, options, remote), stdin, Duration.ofSeconds(60));
  }

  private List<String> sshCommand(String user, List<String> options, String... remote) {
    List<String> command = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port)));
    command.addAll(commonOptions());
    command.addAll(options);
    command.add(user + "@127.0.0.1");
    command.addAll(List.of(remote));
    return command;
  }

  /** {@code ssh} with extra options and environment (e.g. {@code SSH_AUTH_SOCK}). */
  public Run sshWithEnv(
      String user, List<String> options, java.util.Map<String, String> env, String... remote)
      throws IOException, InterruptedException {
    return run(sshCommand(user, options, remote), null, env, Duration.ofSeconds(60));
  }

  public Run scp(List<String> options, String from, String to)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("scp", "-P", Integer.toString(port)));
    command.addAll(commonOptions());
    command.addAll(options);
    command.addAll(List.of("-o", "LogLevel=ERROR", from, to));
    return run(command, null, Duration.ofSeconds(90));
  }

  public Run sftpBatch(String user, Path batch) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("sftp", "-P", Integer.toString(port)));
    command.addAll(commonOptions()); // BatchMode=no comes before -b, and ssh keeps the first value
    command.addAll(List.of("-o", "LogLevel=ERROR", "-b", batch.toString(), user + "@127.0.0.1"));
    return run(command, null, Duration.ofSeconds(90));
  }

  /** Starts a long-running client (port forwarding); the caller destroys it. */
  public Process startSsh(String user, List<String> options, Path stderr, String... remote)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port)));
    command.addAll(commonOptions());
    command.addAll(options);
    command.add(user + "@127.0.0.1");
    command.addAll(List.of(remote));
    ProcessBuilder builder = builder(command, null);
    builder.redirectError(stderr.toFile());
    return builder.start();
  }

  /**
   * A process builder for {@code command} (starting with the program, e.g. {@code ssh -tt}) with
   * this client's port, common options and password; stdin is a pipe.
   */
  public ProcessBuilder builderFor(List<String> command) {
    List<String> full = new ArrayList<>(command.subList(0, command.size() - 1));
    full.addAll(List.of("-p", Integer.toString(port)));
    full.addAll(commonOptions());
    full.add(command.get(command.size() - 1));
    ProcessBuilder builder = builder(full, null);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    return builder;
  }

  private Run run(List<String> command, Path stdin, Duration timeout)
      throws IOException, InterruptedException {
    return run(command, stdin, java.util.Map.of(), timeout);
  }

  private Run run(
      List<String> command, Path stdin, java.util.Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder builder = builder(command, stdin);
    builder.environment().putAll(env);
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          command + " did not finish in " + timeout + ": " + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private ProcessBuilder builder(List<String> command, Path stdin) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile());
    builder.environment().put("SSH_ASKPASS", askpass.toString());
    builder.environment().put("SSH_ASKPASS_REQUIRE", "force");
    builder.environment().put("DISPLAY", ":0");
    builder.environment().put("TERM", "xterm-256color"); // what pty-req carries with -t
    builder.environment().put("GATEHOUSE_TEST_PASSWORD", password);
    return builder;
  }
}
