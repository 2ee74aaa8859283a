package io.gatehouse.ssh.relay;

/**
 * SPI: decides whether a request may reach the target. Called once per exec request (the whole
 * command line, e.g. {@code scp -t /tmp}) and once per subsystem ({@code sftp}); implementations
 * are expected to analyse the line with {@code io.gatehouse.ssh.command.CommandAnalyzer} and fail
 * closed on what it cannot resolve.
 */
@FunctionalInterface
public interface CommandGuard {

  Decision check(GuardRequest request);

  static CommandGuard allowAll() {
    return request -> Decision.allow();
  }
}
