package io.gatehouse.ssh.command;

import java.util.Optional;

/**
 * The result of matching one line against one rule's {@code when.command} section.
 *
 * @param outcome matched, not matched, or undecidable (unparseable line or dynamic program)
 * @param command the simple command that matched, when one did
 * @param reason a short human-readable explanation, safe to show to the client
 */
public record CommandMatch(Outcome outcome, Optional<SimpleCommand> command, String reason) {

  /** Whether a rule applies to a line. */
  public enum Outcome {
    MATCHED,
    NO_MATCH,
    /** The line cannot be decided statically: callers must fail closed. */
    UNDECIDABLE
  }

  static CommandMatch matched(SimpleCommand command, String reason) {
    return new CommandMatch(Outcome.MATCHED, Optional.ofNullable(command), reason);
  }

  static CommandMatch noMatch() {
    return new CommandMatch(Outcome.NO_MATCH, Optional.empty(), "no command criterion matched");
  }

  static CommandMatch undecidable(String reason) {
    return new CommandMatch(Outcome.UNDECIDABLE, Optional.empty(), reason);
  }

  public boolean matched() {
    return outcome == Outcome.MATCHED;
  }

  /** True when a blocking rule must be applied: it matched, or the line hides what it runs. */
  public boolean matchedOrUndecidable() {
    return outcome != Outcome.NO_MATCH;
  }
}
