package io.gatehouse.ssh.server;

import java.util.List;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * What an authenticated session may run: exec requests, the interactive shell and subsystems. A
 * null factory means the request is refused.
 */
public record SessionHandlers(
    CommandFactory commands, ShellFactory shell, List<SubsystemFactory> subsystems) {

  public SessionHandlers {
    subsystems = List.copyOf(subsystems);
  }

  public static SessionHandlers none() {
    return new SessionHandlers(null, null, List.of());
  }
}
