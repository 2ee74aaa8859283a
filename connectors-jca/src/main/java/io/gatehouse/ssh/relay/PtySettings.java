package io.gatehouse.ssh.relay;

import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.client.channel.PtyCapableChannelSession;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;

/** Carries the client's {@code pty-req} (terminal type, size, modes) over to the target channel. */
final class PtySettings {

  private static final Logger LOG = Logger.getLogger(PtySettings.class.getName());

  private PtySettings() {}

  /** MINA records a pty-req as TERM/COLUMNS/LINES in the environment plus the terminal modes. */
  static boolean requested(Environment env) {
    return env.getEnv().containsKey(Environment.ENV_COLUMNS) || !env.getPtyModes().isEmpty();
  }

  static void apply(Environment env, PtyCapableChannelSession channel) {
    if (!requested(env)) {
      channel.setUsePty(false);
      return;
    }
    Map<String, String> vars = env.getEnv();
    channel.setUsePty(true);
    channel.setPtyType(vars.getOrDefault(Environment.ENV_TERM, "vt100"));
    channel.setPtyColumns(intOf(vars.get(Environment.ENV_COLUMNS), 80));
    channel.setPtyLines(intOf(vars.get(Environment.ENV_LINES), 24));
    channel.setPtyModes(env.getPtyModes());
  }

  /**
   * Forwards the client's window changes (as the new size) and signals to the target channel for as
   * long as the client's channel lives.
   */
  static void forwardChanges(PtyCapableChannelSession target, Environment env) {
    env.addSignalListener(
        (channel, signal) -> {
          try {
            if (signal == Signal.WINCH) {
              target.sendWindowChange(columns(env), lines(env));
            } else {
              TargetSignals.send(target, signal);
            }
          } catch (IOException e) {
            LOG.log(Level.FINE, "cannot forward " + signal, e);
          }
        });
  }

  static int columns(Environment env) {
    return intOf(env.getEnv().get(Environment.ENV_COLUMNS), 80);
  }

  static int lines(Environment env) {
    return intOf(env.getEnv().get(Environment.ENV_LINES), 24);
  }

  private static int intOf(String value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
