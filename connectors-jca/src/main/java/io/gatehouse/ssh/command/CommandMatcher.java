package io.gatehouse.ssh.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A policy rule's {@code when.command} section: {@code programs} globs, {@code patterns} globs over
 * a whole simple command (words joined by one space), and {@code decodingPipes}. All present
 * criteria must hold; {@code programs} and {@code patterns} must hold for the same simple command.
 * A line whose programs cannot all be resolved statically, and that no criterion matched, is {@link
 * CommandMatch.Outcome#UNDECIDABLE}.
 */
public final class CommandMatcher {

  private final List<Glob> programs;
  private final List<Glob> patterns;
  private final boolean decodingPipes;

  public CommandMatcher(List<String> programs, List<String> patterns, boolean decodingPipes) {
    this.programs = programs.stream().map(Glob::of).toList();
    this.patterns = patterns.stream().map(Glob::of).toList();
    this.decodingPipes = decodingPipes;
  }

  public CommandMatch match(CommandLineAnalysis analysis) {
    if (programs.isEmpty() && patterns.isEmpty() && !decodingPipes) {
      return CommandMatch.noMatch();
    }
    if (!analysis.parseable()) {
      return CommandMatch.undecidable(
          "command line cannot be parsed: " + analysis.syntaxError().get());
    }
    Optional<SimpleCommand> hit = firstCommandMatch(analysis);
    boolean commandCriteria = !programs.isEmpty() || !patterns.isEmpty();
    boolean commandsHold = !commandCriteria || hit.isPresent();
    boolean pipesHold = !decodingPipes || analysis.decodingPipe();
    if (commandsHold && pipesHold) {
      String why =
          hit.map(c -> "runs '" + c.text() + "'").orElse("pipes decoded data into an interpreter");
      return CommandMatch.matched(hit.orElse(null), why);
    }
    Optional<SimpleCommand> dynamic =
        analysis.commands().stream().filter(SimpleCommand::dynamicProgram).findFirst();
    if (dynamic.isPresent()) {
      return CommandMatch.undecidable(
          "the program of '" + dynamic.get().text() + "' cannot be determined before it runs");
    }
    return CommandMatch.noMatch();
  }

  private Optional<SimpleCommand> firstCommandMatch(CommandLineAnalysis analysis) {
    return analysis.commands().stream()
        .filter(c -> !c.dynamicProgram())
        .filter(c -> programs.isEmpty() || programMatches(c))
        .filter(c -> patterns.isEmpty() || patternMatches(c))
        .findFirst();
  }

  private boolean programMatches(SimpleCommand command) {
    for (Glob glob : programs) {
      if (glob.toString().contains("/")) {
        if (glob.matches(command.programPath())) {
          return true;
        }
      } else if (glob.matches(command.program())
          || command.wrappers().stream().anyMatch(glob::matches)) {
        return true;
      }
    }
    return false;
  }

  private boolean patternMatches(SimpleCommand command) {
    List<String> texts = new ArrayList<>();
    texts.add(command.text());
    texts.add(String.join(" ", command.words()));
    List<String> byName = new ArrayList<>(command.argv());
    byName.set(0, command.program());
    texts.add(String.join(" ", byName));
    return patterns.stream().anyMatch(glob -> texts.stream().anyMatch(glob::matches));
  }
}
