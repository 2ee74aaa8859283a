package io.gatehouse.web.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against the proxy, with a private cache and no kubeconfig. */
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

  /** A kubectl still running, its output going to files that can be read while it runs. */
  record Running(Process process, Path stdout, Path stderr) {
    String stdoutSoFar() throws IOException {
      return Files.readString(stdout);
    }

    Result finish(long seconds) throws IOException, InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl did not finish in " + seconds + " s");
      }
      return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
  }

  Running start(String token, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(token, args));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("KUBECONFIG", home.resolve("no-config").toString());
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    return new Running(p, out, err);
  }

  private List<String> command(String token, String... args) {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--server=" + server);
    command.add("--token=" + token);
    command.add("--insecure-skip-tls-verify");
    command.add("--cache-dir=" + home.resolve("cache"));
    command.add("--request-timeout=20s");
    command.addAll(List.of(args));
    return command;
  }

  Result run(String token, String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--server=" + server);
    command.add("--token=" + token);
    command.add("--insecure-skip-tls-verify");
    command.add("--cache-dir=" + home.resolve("cache"));
    command.add("--request-timeout=20s");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("KUBECONFIG", home.resolve("no-config").toString());
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
      throw new IllegalStateException("kubectl did not finish in 60 s: " + command);
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
