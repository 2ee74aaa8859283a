package io.gatehouse.ssh.relay;

/**
 * What a client asked to run.
 *
 * @param connectionName the connection (the SSH user name the client logged in with)
 * @param identity who authenticated
 * @param kind exec, or a subsystem
 * @param commandLine the exec command line, or the subsystem name
 */
public record GuardRequest(String connectionName, String identity, Kind kind, String commandLine) {

  /** The kind of channel request being checked. */
  public enum Kind {
    EXEC,
    SUBSYSTEM
  }
}
