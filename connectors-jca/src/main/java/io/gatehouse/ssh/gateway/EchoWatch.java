package io.gatehouse.ssh.gateway;

import java.util.concurrent.TimeUnit;

/**
 * Tells whether the target's terminal echoes what the user types: printable keystrokes forwarded to
 * the target are expected back in its output, in order. Keys that never come back were typed with
 * echo off (a password prompt, {@code stty -echo}). A heuristic: output that happens to contain the
 * same characters counts as an echo, and a very slow target looks like one with echo off.
 * Thread-safe: the input pump types, the output pump sees echoes.
 */
final class EchoWatch {

  private final StringBuilder expected = new StringBuilder();
  private int echoed;

  /** Printable characters just forwarded to the target. */
  synchronized void typed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != 0x7f) {
        expected.append(c);
      }
    }
  }

  /** Output of the target, raw (before masking), on its way to the client. */
  synchronized void output(byte[] bytes, int off, int len) {
    if (expected.isEmpty()) {
      return;
    }
    for (int i = off; i < off + len && echoed < expected.length(); i++) {
      // UTF-8 lead and continuation bytes are not compared: a non-ASCII key matches any of them.
      char want = expected.charAt(echoed);
      int b = bytes[i] & 0xff;
      if (want >= 0x80 ? b >= 0x80 : b == want) {
        echoed++;
      }
    }
    if (echoed == expected.length()) {
      notifyAll();
    }
  }

  /**
   * Waits up to {@code millis} for the typed characters to be echoed, then starts afresh.
   *
   * @return whether everything typed since the last settle was echoed (true when nothing was)
   */
  synchronized boolean settle(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (echoed < expected.length()) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    boolean all = echoed >= expected.length();
    expected.setLength(0);
    echoed = 0;
    return all;
  }
}
