package io.gatehouse.ssh.gateway;

import io.gatehouse.ssh.relay.Decision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A terminal's keystrokes on their way to the target ("hold Enter"). Keys are forwarded as typed
 * (the target's shell edits and echoes the line) while {@link TypedLine} follows the line; Enter is
 * held until the line is decided by the {@link LineCheck}: forwarded when allowed, replaced by ^C
 * (which abandons the line on the target) when not. Keystrokes are recorded one line at a time,
 * once it is known whether the target echoed them: a line typed with echo off (a password) is
 * recorded as redacted.
 */
final class ShellInput extends InputStream {

  /**
   * Keystrokes recorded at most this many bytes at a time (full-screen programs rarely end lines).
   */
  static final int RECORD_CHUNK = 4096;

  private static final byte INTERRUPT = 0x03;

  /** Decides a submitted line; tells the user why when it is not allowed. */
  @FunctionalInterface
  interface LineCheck {
    /**
     * @param text the line as typed
     * @param undecidable why the line cannot be known from keystrokes, or null
     * @param echoed whether the target echoed the line (false: typed with echo off)
     * @param cancelled polled while the line is held for review: the user pressed ^C or left
     */
    Decision check(String text, String undecidable, boolean echoed, BooleanSupplier cancelled)
        throws IOException;
  }

  /** Records one line's keystrokes, or that they were typed with echo off. */
  @FunctionalInterface
  interface KeySink {
    void record(String keys, boolean echoed, String startedAt) throws IOException;
  }

  private final InputStream client;
  private final EchoWatch echo;
  private final LineCheck check;
  private final KeySink keys;
  private final Supplier<String> clock;
  private final long echoWaitMillis;
  private final TypedLine line = new TypedLine();
  private final ByteArrayOutputStream typed = new ByteArrayOutputStream();
  private final byte[] raw = new byte[8192];
  private int rawPos;
  private int rawLen;
  private byte[] inject = new byte[0];
  private int injectPos;
  private String lineStartedAt;

  /**
   * @param check null to record only (no command rules apply)
   * @param clock the session's time offset, for the recording
   * @param echoWaitMillis how long to wait at the end of a line for the echo of its last keys
   *     ({@link io.gatehouse.ssh.server.GatewaySshProperties#ECHO_WAIT})
   */
  ShellInput(
      InputStream client,
      EchoWatch echo,
      LineCheck check,
      KeySink keys,
      Supplier<String> clock,
      long echoWaitMillis) {
    this.client = client;
    this.echoWaitMillis = echoWaitMillis;
    this.echo = echo;
    this.check = check;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (injectPos < inject.length) {
      int n = Math.min(len, inject.length - injectPos);
      System.arraycopy(inject, injectPos, b, off, n);
      injectPos += n;
      return n;
    }
    if (rawPos >= rawLen) {
      rawPos = 0;
      rawLen = client.read(raw, 0, raw.length);
      if (rawLen < 0) {
        rawLen = 0;
        recordKeys(settle(0));
        return -1;
      }
    }
    int n = 0;
    StringBuilder text = new StringBuilder();
    while (rawPos < rawLen && n < len) {
      int c = raw[rawPos] & 0xff;
      TypedLine.Key key = line.accept(c);
      if (key == TypedLine.Key.ENTER || key == TypedLine.Key.INTERRUPT) {
        if (n > 0) {
          break; // forward the keys before it first: the target must echo them before we decide
        }
        rawPos++;
        return injectLineEnd(key, (byte) c, b, off, len);
      }
      if (lineStartedAt == null) {
        lineStartedAt = clock.get();
      }
      typed.write(c);
      if (key == TypedLine.Key.TEXT) {
        text.append((char) c);
      }
      b[off + n++] = (byte) c;
      rawPos++;
    }
    echo.typed(
        new String(text.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    if (typed.size() >= RECORD_CHUNK) {
      recordKeys(settle(0));
    }
    return n;
  }

  private int injectLineEnd(TypedLine.Key key, byte end, byte[] b, int off, int len)
      throws IOException {
    boolean echoed = settle(echoWaitMillis);
    String text = line.text();
    String undecidable = line.undecidable();
    if (lineStartedAt == null) {
      lineStartedAt = clock.get();
    }
    typed.write(end);
    recordKeys(echoed);
    line.clear();
    byte forward = end;
    if (key == TypedLine.Key.ENTER && check != null) {
      Decision decision = check.check(text, undecidable, echoed, this::cancelledWhileHeld);
      if (!decision.allowed()) {
        forward = INTERRUPT;
      }
    }
    inject = new byte[] {forward};
    injectPos = 0;
    return read(b, off, len);
  }

  private boolean settle(long millis) throws IOException {
    try {
      return echo.settle(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the terminal's echo");
    }
  }

  private void recordKeys(boolean echoed) throws IOException {
    if (typed.size() == 0) {
      return;
    }
    String startedAt = lineStartedAt == null ? clock.get() : lineStartedAt;
    String text = typed.toString(StandardCharsets.UTF_8);
    typed.reset();
    lineStartedAt = null;
    keys.record(text, echoed, startedAt);
  }

  /**
   * While a line is held: reads what the user typed meanwhile (kept for after the decision) and
   * tells whether it contains ^C, which cancels the held line (and is not forwarded).
   */
  private boolean cancelledWhileHeld() {
    try {
      int available = client.available();
      if (available > 0) {
        if (rawPos > 0) {
          System.arraycopy(raw, rawPos, raw, 0, rawLen - rawPos);
          rawLen -= rawPos;
          rawPos = 0;
        }
        int n = client.read(raw, rawLen, Math.min(available, raw.length - rawLen));
        if (n > 0) {
          rawLen += n;
        }
      }
    } catch (IOException e) {
      return true;
    }
    for (int i = rawPos; i < rawLen; i++) {
      if (raw[i] == INTERRUPT) {
        System.arraycopy(raw, i + 1, raw, i, rawLen - i - 1);
        rawLen--;
        return true;
      }
    }
    return false;
  }
}
