package io.gatehouse.ssh.server;

import java.util.List;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * What an authenticated session may run: exec requests, the interactive shell, subsystems, local
 * forwards ({@code direct-tcpip} channels), remote forwards (the {@code tcpip-forward} global
 * request) and agent forwarding. A null factory or handler means the request is refused.
 */
public record SessionHandlers(
    CommandFactory commands,
    ShellFactory shell,
    List<SubsystemFactory> subsystems,
    ChannelFactory localForwards,
    GlobalRequests remoteForwards,
    AgentRequests agentForwarding) {

  public SessionHandlers {
    subsystems = List.copyOf(subsystems);
    if (localForwards != null && !"direct-tcpip".equals(localForwards.getName())) {
      throw new IllegalArgumentException("local forwards are direct-tcpip channels");
    }
  }

  /** Without forwards: every {@code direct-tcpip} channel and listen request is refused. */
  public SessionHandlers(
      CommandFactory commands, ShellFactory shell, List<SubsystemFactory> subsystems) {
    this(commands, shell, subsystems, null, null, null);
  }

  public static SessionHandlers none() {
    return new SessionHandlers(null, null, List.of());
  }
}
