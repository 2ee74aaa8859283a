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
 * one (fail closed). A {@code review} decision is not allowed by itself: the caller holds the
 * command for a reviewer ({@link CommandHold}).
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
   * An interactive shell: allowed unless nothing could ever run in it (no command rule applies to
   * this identity and the policy blocks by default). Its lines are then checked one by one when
   * {@link #inspectsLines()}, which needs a terminal: without one, a shell that would need its
   * lines checked is refused ({@link #withoutTerminal}).
   */
  Decision checkShell(boolean terminal) {
    if (rules.isEmpty() && policy.defaultAction() == Action.BLOCK) {
      return decide(Action.BLOCK, null, "interactive shells (no command rule allows anything)");
    }
    if (!terminal && inspectsLines()) {
      return withoutTerminal("a shell");
    }
    return Decision.allow();
  }

  /**
   * Whether {@code commandLine} runs something that takes its commands from the channel's input
   * ({@code bash}, {@code sudo -i}, {@code python3}): under command rules such an exec channel's
   * lines are checked at Enter as a shell's are.
   */
  boolean readsCommandsFromInput(String commandLine) {
    return inspectsLines() && analyzer.analyze(commandLine).readsCommandsFromInput();
  }

  // Commands typed into the channel's input, without a PTY: no Enter to hold and no line editing
  // to follow, so nothing the gateway could check line by line. Refused (fail closed).
  private Decision withoutTerminal(String what) {
    String rule = rules.isEmpty() ? null : rules.get(0).rule().id();
    return new Decision(
        false,
        what
            + " without a terminal takes its commands from input that the gateway cannot check"
            + " line by line, and this connection checks every command"
            + (rule == null ? "" : " (rule " + rule + ")")
            + "; run each command as its own exec (ssh <connection> 'command'), or ask for a"
            + " terminal (ssh -t)",
        rule,
        "block");
  }

  /** Whether shell lines must be checked: a rule applies, or the default is not to allow. */
  boolean inspectsLines() {
    return !rules.isEmpty() || policy.defaultAction() != Action.ALLOW;
  }

  /**
   * A shell line whose text cannot be known from the keystrokes alone (history, tab completion,
   * cursor keys): refused, since the target may run something other than what was seen.
   */
  Decision undecidableLine(String why) {
    String rule = rules.isEmpty() ? null : rules.get(0).rule().id();
    return new Decision(
        false,
        "this line was edited with "
            + why
            + ", which the gateway cannot follow, and this connection checks every command"
            + (rule == null ? "" : " (rule " + rule + ")")
            + "; type the command in full, without history, tab completion or cursor keys",
        rule,
        "block");
  }

  /**
   * An exec line: as {@link #check(String)}, and when it starts something that takes further
   * commands from the channel's input ({@link #readsCommandsFromInput}), allowed only with a
   * terminal, whose lines are then checked at Enter.
   */
  Decision checkExec(String commandLine, boolean terminal) {
    Decision decision = check(commandLine);
    if (decision.allowed() && !terminal && readsCommandsFromInput(commandLine)) {
      return withoutTerminal("'" + commandLine.strip() + "'");
    }
    return decision;
  }

  /** A command line (an exec's, or a shell line at Enter) against the rules. */
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
                  + " needs a reviewer's approval"
                  + (message == null ? "" : " (" + message + ")"),
              ruleId,
              "review");
    };
  }
}
