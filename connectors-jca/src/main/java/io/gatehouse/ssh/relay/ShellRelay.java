package io.gatehouse.ssh.relay;

import java.io.IOException;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.Environment;

/**
 * An interactive shell: the client's pty-req (terminal, size, modes) is replayed on the target, and
 * window changes and signals are forwarded. Line checks at Enter are the channel monitor's ({@code
 * RecordedChannels} wraps the client's input).
 */
final class ShellRelay extends RelayCommand {

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
    PtySettings.forwardChanges((ChannelShell) channel, env);
  }
}
