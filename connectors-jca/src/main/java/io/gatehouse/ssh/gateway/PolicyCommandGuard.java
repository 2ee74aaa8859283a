package io.gatehouse.ssh.gateway;

import io.gatehouse.policy.Action;
import io.gatehouse.policy.CommandMatch;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.Rule;
import io.gatehouse.ssh.command.CommandAnalyzer;
import io.gatehouse.ssh.command.CommandLineAnalysis;
import io.gatehouse.ssh.command.CommandMatcher;
import io.gatehouse.ssh.relay.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A policy's command rules for one identity: the first rule whose {@code when.command} matches
 * decides, else the default action. A rule that cannot tell whether it matches (a program chosen at
 * run time, a line that does not parse) refuses the line, since a later decision could be the wrong
 * one (fail closed). Review is refused for now: SSH sessions cannot yet wait for a reviewer. An
 * interactive shell, whose lines are not inspected yet, is refused when command rules apply.
 */
final class PolicyCommandGuard {

  private record CompiledRule(Rule rule, CommandMatcher matcher) {}

  private final Policy policy;
  private final List<CompiledRule> rules = new ArrayList<>();
  private final CommandAnalyzer analyzer;

  PolicyCommandGuard(Policy policy, Set<String> identityGroups, CommandAnalyzer analyzer) {
    this.policy = policy;
    this.analyzer = analyzer;
    for (Rule rule : policy.rules()) {
      if (rule.when().command().isPresent() && rule.appliesTo(identityGroups)) {
        CommandMatch match = rule.when().command().get();
        rules.add(
            new CompiledRule(
                rule,
                new CommandMatcher(match.programs(), match.patterns(), match.decodingPipes())));
      }
    }
  }

  /**
   * An interactive shell: its lines are not inspected yet, so it is allowed only when no command
   * rule applies to this identity and the policy allows by default (fail closed).
   */
  Decision checkShell() {
    if (rules.isEmpty()) {
      return decide(policy.defaultAction(), null, "interactive shells");
    }
    return new Decision(
        false,
        "interactive shells are not inspected line by line yet, and this connection's policy has"
            + " command rules (first: "
            + rules.get(0).rule().id()
            + "); run each command as  ssh <connection> '<command>'",
        rules.get(0).rule().id(),
        "block");
  }

  Decision check(String commandLine) {
    CommandLineAnalysis analysis = rules.isEmpty() ? null : analyzer.analyze(commandLine);
    for (CompiledRule compiled : rules) {
      io.gatehouse.ssh.command.CommandMatch match = compiled.matcher().match(analysis);
      Rule rule = compiled.rule();
      if (match.matched()) {
        return decide(rule.action(), rule.id(), rule.message().orElse(match.reason()));
      }
      if (match.outcome() == io.gatehouse.ssh.command.CommandMatch.Outcome.UNDECIDABLE) {
        return new Decision(
            false,
            "the command cannot be checked against rule "
                + rule.id()
                + " ("
                + match.reason()
                + "), and this connection's policy refuses what it cannot analyse",
            rule.id(),
            "block");
      }
    }
    return decide(policy.defaultAction(), null, null);
  }

  private static Decision decide(Action action, String ruleId, String message) {
    String byRule = ruleId == null ? "the connection's default" : "rule " + ruleId;
    return switch (action) {
      case ALLOW -> new Decision(true, "", ruleId, "allow");
      case BLOCK ->
          new Decision(
              false,
              byRule + ": " + (message == null ? "not allowed on this connection" : message),
              ruleId,
              "block");
      case REVIEW ->
          new Decision(
              false,
              byRule
                  + " needs a reviewer's approval, and SSH commands cannot wait for one yet"
                  + (message == null ? "" : " (" + message + ")")
                  + "; ask for a grant or run it through a reviewed path",
              ruleId,
              "review");
    };
  }
}
