package io.gatehouse.ssh.gateway;

import io.gatehouse.ssh.relay.CommandGuard;
import io.gatehouse.ssh.relay.Decision;
import io.gatehouse.ssh.relay.GuardRequest;

/**
 * Checks each exec line (and each subsystem, by its name as a program: a rule with {@code programs:
 * ["sftp"]} covers the sftp subsystem) against the command rules of the session's own plan.
 */
final class SessionCommandGuard implements CommandGuard {

  @Override
  public Decision check(GuardRequest request) {
    SshSessionState state =
        request.session() == null ? null : request.session().getAttribute(SshSessionState.KEY);
    if (state == null) {
      return Decision.deny("this session has no session plan");
    }
    PolicyCommandGuard guard = state.guard();
    return guard == null ? Decision.allow() : guard.check(request.commandLine());
  }
}
