package io.gatehouse.ssh.gateway;

import io.gatehouse.policy.ForwardMatch;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.Rule;
import io.gatehouse.ssh.relay.Decision;
import io.gatehouse.ssh.relay.ForwardRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A policy's forwarding rules for one identity: the first rule whose {@code when.forward} matches
 * decides. Forwarding is opt-in: with no matching rule, or no policy, it is refused whatever the
 * policy's {@code defaultAction} (which is about commands and statements). A forwarded connection
 * cannot wait for a reviewer, so a {@code review} rule refuses it, saying so.
 */
final class PolicyForwardGuard {

  private record CompiledRule(Rule rule, ForwardMatch match, List<DestinationGlob> destinations) {}

  private final List<CompiledRule> rules = new ArrayList<>();

  /**
   * @param policy the connection's policy, or null (then every forward is refused)
   */
  PolicyForwardGuard(Policy policy, Set<String> identityGroups) {
    if (policy == null) {
      return;
    }
    for (Rule rule : policy.rules()) {
      if (rule.when().forward().isPresent() && rule.appliesTo(identityGroups)) {
        ForwardMatch match = rule.when().forward().get();
        rules.add(
            new CompiledRule(
                rule, match, match.destinations().stream().map(DestinationGlob::of).toList()));
      }
    }
  }

  /**
   * @param request with its host in canonical form ({@link io.gatehouse.ssh.relay.ForwardHosts})
   */
  Decision check(ForwardRequest request) {
    for (CompiledRule compiled : rules) {
      boolean agent = ForwardRequest.AGENT.equals(request.kind());
      if (compiled.match().covers(request.kind())
          && (compiled.destinations().isEmpty()
              || !agent
                  && compiled.destinations().stream()
                      .anyMatch(g -> g.matches(request.host(), request.port())))) {
        return decide(compiled.rule(), request);
      }
    }
    return new Decision(
        false,
        what(request)
            + " is not allowed: no rule of this connection's policy allows it (forwarding is"
            + " refused unless a rule with a 'forward' section allows it)",
        null,
        "block");
  }

  private static Decision decide(Rule rule, ForwardRequest request) {
    return switch (rule.action()) {
      case ALLOW -> new Decision(true, "", rule.id(), "allow");
      case BLOCK ->
          new Decision(
              false,
              "rule "
                  + rule.id()
                  + ": "
                  + rule.message().orElse(what(request) + " is not allowed on this connection"),
              rule.id(),
              "block");
      case REVIEW ->
          new Decision(
              false,
              "rule "
                  + rule.id()
                  + " sends "
                  + what(request)
                  + " to review, and a forwarded connection cannot wait for a reviewer"
                  + rule.message().map(m -> " (" + m + ")").orElse(""),
              rule.id(),
              "review");
    };
  }

  private static String what(ForwardRequest request) {
    if (ForwardRequest.AGENT.equals(request.kind())) {
      return "agent forwarding";
    }
    String address = request.host() + ":" + request.port();
    return ForwardRequest.REMOTE.equals(request.kind())
        ? "remote port forwarding from " + address + " on the target"
        : request.kind() + " port forwarding to " + address;
  }
}
