package io.gatehouse.ssh.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code ssh -tt} session driven like a user at a terminal: the gateway and the target see a
 * PTY, and keys (Enter as CR, ^C, escape sequences) are sent raw through ssh's stdin. Output is
 * collected in the background; every wait is bounded.
 */
public final class InteractiveSsh implements AutoCloseable {

  private final Process process;
  private final OutputStream keys;
  private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
  private final Thread reader;
  private int mark;

  private InteractiveSsh(Process process) {
    this.process = process;
    this.keys = process.getOutputStream();
    this.reader = new Thread(this::collect, "interactive-ssh-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code ssh -tt user@127.0.0.1} with the client's password (or options for a key). */
  public static InteractiveSsh start(OpenSshClient client, String user, List<String> options)
      throws IOException {
    return start(client, user, options, new String[0]);
  }

  /** Starts {@code ssh -tt user@127.0.0.1 remote…}: an exec with a terminal. */
  public static InteractiveSsh start(
      OpenSshClient client, String user, List<String> options, String... remote)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("ssh", "-tt"));
    command.addAll(options);
    command.add(user + "@127.0.0.1");
    ProcessBuilder builder = client.builderFor(command).redirectErrorStream(true);
    builder.command().addAll(List.of(remote));
    return new InteractiveSsh(builder.start());
  }

  private void collect() {
    byte[] buffer = new byte[4096];
    try (InputStream in = process.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (seen) {
          seen.write(buffer, 0, n);
          seen.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Sends keys as typed (use "\r" for Enter). */
  public void type(String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /**
   * Waits until the output since the last mark contains {@code expected}; moves the mark past it.
   *
   * @return the output from the previous mark up to and including {@code expected}
   */
  public String await(String expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (seen) {
      while (true) {
        String text = seen.toString(StandardCharsets.UTF_8);
        int at = text.indexOf(expected, mark);
        if (at >= 0) {
          String upTo = text.substring(mark, at + expected.length());
          mark = at + expected.length();
          return upTo;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError(
              "no \""
                  + expected
                  + "\" within "
                  + timeout
                  + "; output since mark: "
                  + text.substring(mark));
        }
        seen.wait(left);
      }
    }
  }

  /** Everything the terminal showed so far. */
  public String output() {
    synchronized (seen) {
      return seen.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits for ssh to exit; returns its status. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("ssh did not exit within " + timeout + ": " + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    reader.join(5000);
  }
}
