package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.command.CommandAnalyzer;
import io.gatehouse.ssh.command.CommandLineAnalysis;
import io.gatehouse.ssh.command.SimpleCommand;
import java.util.List;
import org.apache.sshd.common.AttributeRepository;

/**
 * What a client asked to run.
 *
 * @param connectionName the connection (the SSH user name the client logged in with)
 * @param identity who authenticated
 * @param kind exec, or a subsystem
 * @param commandLine the exec command line, or the subsystem name
 * @param session the gateway session's attributes (what authentication attached), or null
 * @param terminal the client asked for a PTY on this channel
 */
public record GuardRequest(
    String connectionName,
    String identity,
    Kind kind,
    String commandLine,
    AttributeRepository session,
    boolean terminal) {

  /** The kind of channel request being checked. */
  public enum Kind {
    EXEC,
    SUBSYSTEM
  }

  public GuardRequest(String connectionName, String identity, Kind kind, String commandLine) {
    this(connectionName, identity, kind, commandLine, null, false);
  }

  /** Whether this is a file transfer: relayed without streams, neither masked nor recorded. */
  public boolean isFileTransfer() {
    return isFileTransfer(kind, commandLine);
  }

  /**
   * A subsystem (sftp, which OpenSSH's scp uses too), or an exec of legacy {@code scp -t/-f} or
   * {@code rsync --server}: channels that carry file contents rather than a terminal. An exec line
   * counts only when it is that one command and nothing else (no {@code ;}, pipe, substitution,
   * redirection or wrapper), since a transfer channel's bytes are neither masked nor recorded:
   * {@code scp -t x; cat secrets} is an ordinary command.
   */
  public static boolean isFileTransfer(Kind kind, String commandLine) {
    if (kind == Kind.SUBSYSTEM) {
      return true;
    }
    String line = commandLine.stripLeading();
    if (!line.startsWith("scp ") && !line.startsWith("rsync ")) {
      return false;
    }
    CommandLineAnalysis analysis = ANALYZER.analyze(line);
    if (!analysis.singlePlainCommand()) {
      return false;
    }
    SimpleCommand command = analysis.commands().get(0);
    List<String> args = command.argv().subList(1, command.argv().size());
    if (command.program().equals("scp")) {
      return args.stream().takeWhile(a -> !a.equals("--")).anyMatch(GuardRequest::scpServerMode);
    }
    return command.program().equals("rsync") && !args.isEmpty() && args.get(0).equals("--server");
  }

  private static final CommandAnalyzer ANALYZER = new CommandAnalyzer();

  // -t (sink) or -f (source), alone or in a cluster such as -pt or -vrf.
  private static boolean scpServerMode(String arg) {
    return arg.startsWith("-")
        && !arg.startsWith("--")
        && (arg.indexOf('t') > 0 || arg.indexOf('f') > 0);
  }

  /** This request, carrying the session's attributes and whether the channel has a PTY. */
  GuardRequest in(AttributeRepository attributes, boolean withTerminal) {
    return new GuardRequest(connectionName, identity, kind, commandLine, attributes, withTerminal);
  }
}
