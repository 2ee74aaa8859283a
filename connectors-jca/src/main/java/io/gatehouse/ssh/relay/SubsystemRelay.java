package io.gatehouse.ssh.relay;

import java.io.IOException;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * A subsystem passed through byte for byte ({@code sftp}, which modern {@code scp} uses too). The
 * guard sees the subsystem name; per-operation sftp inspection would parse the packets here.
 */
final class SubsystemRelay extends RelayCommand {

  private final String name;

  private SubsystemRelay(RelayContext context, String name) {
    super(context);
    this.name = name;
  }

  static SubsystemFactory factory(RelayContext context, String name) {
    return new SubsystemFactory() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Command createSubsystem(ChannelSession channel) {
        return new SubsystemRelay(context, name);
      }
    };
  }

  @Override
  GuardRequest guardRequest(String connectionName, String identity) {
    return new GuardRequest(connectionName, identity, GuardRequest.Kind.SUBSYSTEM, name);
  }

  @Override
  ClientChannel createTargetChannel(ClientSession target, Environment env) throws IOException {
    return target.createSubsystemChannel(name);
  }
}
