package it.io.gatehouse.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against the gateway, with a private cache and no kubeconfig. */
final class Kubectl {

  static final Path BINARY = Path.of("/usr/bin/kubectl");

  record Result(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
    }
  }

  private final String server;
  private final Path home;

  Kubectl(String server, Path home) {
    this.server = server;
    this.home = home;
  }

  /** {@link #run} without stdin, for use in a future. */
  Result runUnchecked(String token, String... args) {
    try {
      return run(token, null, args);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A kubectl left running (stdin open), its output going to files. */
  record Running(Process process, Path out, Path err) {
    String stdout() throws IOException {
      return Files.readString(out);
    }

    String stderr() throws IOException {
      return Files.readString(err);
    }
  }

  /** Starts kubectl and leaves it running; write to its stdin, read its files. */
  Running start(String token, String... args) throws IOException {
    ProcessBuilder pb = builder(token, args);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new Running(pb.start(), out, err);
  }

  private ProcessBuilder builder(String token, String... args) {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--server=" + server);
    command.add("--token=" + token);
    // Liberty's HTTPS endpoint has a generated self-signed certificate.
    command.add("--insecure-skip-tls-verify");
    command.add("--cache-dir=" + home.resolve("cache"));
    command.add("--request-timeout=20s");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("KUBECONFIG", home.resolve("no-config").toString());
    return pb;
  }

  Result run(String token, String stdin, String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = builder(token, args);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("kubectl did not finish in 60 s: " + args[0]);
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
