package io.gatehouse.ssh.relay;

import java.util.function.Consumer;

/**
 * SPI: decides whether a request may reach the target. Called once per exec request (the whole
 * command line, e.g. {@code scp -t /tmp}) and once per subsystem ({@code sftp}); implementations
 * are expected to analyse the line with {@code io.gatehouse.ssh.command.CommandAnalyzer} and fail
 * closed on what it cannot resolve.
 */
@FunctionalInterface
public interface CommandGuard {

  Decision check(GuardRequest request);

  /**
   * As {@link #check(GuardRequest)}, for a decision that may wait (a command held for review):
   * {@code notices} shows a line to the client meanwhile (on stderr).
   */
  default Decision check(GuardRequest request, Consumer<String> notices) {
    return check(request);
  }

  static CommandGuard allowAll() {
    return request -> Decision.allow();
  }
}
