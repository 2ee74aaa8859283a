package io.gatehouse.ssh.gateway;

import io.gatehouse.ssh.relay.CommandGuard;
import io.gatehouse.ssh.relay.Decision;
import io.gatehouse.ssh.relay.GuardRequest;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.session.Session;

/**
 * Checks each exec line (and each subsystem, by its name as a program: a rule with {@code programs:
 * ["sftp"]} covers the sftp subsystem) against the command rules of the session's own plan. A line
 * the policy sends to review is held ({@link CommandHold}) while the client waits.
 */
final class SessionCommandGuard implements CommandGuard {

  private static final Logger LOG = Logger.getLogger(SessionCommandGuard.class.getName());

  private final SshGateway.Reviews reviews;

  /**
   * @param reviews the control plane's reviews; null refuses what a policy holds for review
   */
  SessionCommandGuard(SshGateway.Reviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public Decision check(GuardRequest request) {
    return check(request, message -> {});
  }

  @Override
  public Decision check(GuardRequest request, Consumer<String> notices) {
    SshSessionState state =
        request.session() == null ? null : request.session().getAttribute(SshSessionState.KEY);
    if (state == null) {
      return Decision.deny("this session has no session plan");
    }
    PolicyCommandGuard guard = state.guard();
    Decision decision =
        guard == null
            ? Decision.allow()
            : request.kind() == GuardRequest.Kind.EXEC
                ? guard.checkExec(request.commandLine(), request.terminal())
                : guard.check(request.commandLine());
    if (decision.allowed() || !"review".equals(decision.outcome())) {
      return decision;
    }
    try {
      return new CommandHold(reviews, state)
          .await(request.commandLine(), decision, notices, () -> gone(request));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "review of a held command failed", e);
      return new Decision(
          false, decision.message() + "; " + e.getMessage(), decision.ruleId(), "review");
    }
  }

  private static boolean gone(GuardRequest request) {
    return request.session() instanceof Session session && !session.isOpen();
  }
}
