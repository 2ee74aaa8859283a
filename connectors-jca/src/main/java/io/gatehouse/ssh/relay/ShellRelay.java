package io.gatehouse.ssh.relay;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;

/**
 * An interactive shell: the client's pty-req (terminal, size, modes) is replayed on the target,
 * window changes and signals are forwarded, and bytes flow both ways unchanged.
 *
 * <p>Not inspected yet: line-level policy for shells will wrap {@link #clientInput} with a terminal
 * line assembler (the target's shell does the line editing, so the assembler must also follow the
 * echoed output) and hold each completed line for the guard before forwarding Enter.
 */
final class ShellRelay extends RelayCommand {

  private static final Logger LOG = Logger.getLogger(ShellRelay.class.getName());

  ShellRelay(RelayContext context) {
    super(context);
  }

  @Override
  GuardRequest guardRequest(String connectionName, String identity) {
    return null;
  }

  @Override
  ClientChannel createTargetChannel(ClientSession target, Environment env) throws IOException {
    ChannelShell channel = target.createShellChannel();
    PtySettings.apply(env, channel);
    return channel;
  }

  @Override
  void onTargetOpen(ClientChannel channel, Environment env) {
    ChannelShell shell = (ChannelShell) channel;
    env.addSignalListener(
        (ch, signal) -> {
          try {
            if (signal == Signal.WINCH) {
              shell.sendWindowChange(PtySettings.columns(env), PtySettings.lines(env));
            } else {
              TargetSignals.send(shell, signal);
            }
          } catch (IOException e) {
            LOG.log(Level.FINE, "cannot forward " + signal, e);
          }
        });
  }
}
