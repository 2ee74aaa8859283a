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

  /** Whether this is a file transfer: relayed without streams, neither masked nor recorded. */
  public boolean isFileTransfer() {
    return isFileTransfer(kind, commandLine);
  }

  /**
   * A subsystem (sftp, which OpenSSH's scp uses too), or an exec of legacy {@code scp -t/-f} or
   * {@code rsync --server}: channels that carry file contents rather than a terminal.
   */
  public static boolean isFileTransfer(Kind kind, String commandLine) {
    String line = commandLine.stripLeading();
    return kind == Kind.SUBSYSTEM || line.startsWith("scp ") || line.startsWith("rsync --server");
  }

  /** This request, carrying the session's attributes. */
  GuardRequest in(AttributeRepository attributes) {
    return new GuardRequest(connectionName, identity, kind, commandLine, attributes);
  }
}
