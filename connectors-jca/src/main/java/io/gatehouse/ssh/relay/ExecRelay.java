package io.gatehouse.ssh.relay;

import java.io.IOException;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.Environment;

/** An exec request ({@code ssh host cmd}, legacy {@code scp -t/-f}), checked by the guard first. */
final class ExecRelay extends RelayCommand {

  private final String commandLine;

  ExecRelay(RelayContext context, String commandLine) {
    super(context);
    this.commandLine = commandLine;
  }

  @Override
  GuardRequest guardRequest(String connectionName, String identity) {
    return new GuardRequest(connectionName, identity, GuardRequest.Kind.EXEC, commandLine);
  }

  @Override
  ClientChannel createTargetChannel(ClientSession target, Environment env) throws IOException {
    ChannelExec channel = target.createExecChannel(commandLine);
    PtySettings.apply(env, channel);
    return channel;
  }

  /** As for a shell: {@code ssh -t conn top} resizes, and signals reach the command. */
  @Override
  void onTargetOpen(ClientChannel channel, Environment env) {
    PtySettings.forwardChanges((ChannelExec) channel, env);
  }
}
