package io.gatehouse.ssh.relay;

import org.apache.sshd.common.AttributeRepository;

/**
 * What a client asked to run.
 *
 * @param connectionName the connection (the SSH user name the client logged in with)
 * @param identity who authenticated
 * @param kind exec, or a subsystem
 * @param commandLine the exec command line, or the subsystem name
 * @param session the gateway session's attributes (what authentication attached), or null
 */
public record GuardRequest(
    String connectionName,
    String identity,
    Kind kind,
    String commandLine,
    AttributeRepository session) {

  /** The kind of channel request being checked. */
  public enum Kind {
    EXEC,
    SUBSYSTEM
  }

  public GuardRequest(String connectionName, String identity, Kind kind, String commandLine) {
    this(connectionName, identity, kind, commandLine, null);
  }

  /** This request, carrying the session's attributes. */
  GuardRequest in(AttributeRepository attributes) {
    return new GuardRequest(connectionName, identity, kind, commandLine, attributes);
  }
}
