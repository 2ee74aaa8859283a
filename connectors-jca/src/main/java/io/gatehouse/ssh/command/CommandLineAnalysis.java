package io.gatehouse.ssh.command;

import java.util.List;
import java.util.Optional;

/**
 * What a command line would run, or why it could not be told.
 *
 * @param line the line as received
 * @param commands every simple command found, in source order (nested ones after their parent)
 * @param decodingPipe the line feeds decoded or downloaded data to an interpreter
 * @param syntaxError why the line could not be parsed; present means {@code commands} is empty and
 *     callers must fail closed
 */
public record CommandLineAnalysis(
    String line, List<SimpleCommand> commands, boolean decodingPipe, Optional<String> syntaxError) {

  public CommandLineAnalysis {
    commands = List.copyOf(commands);
  }

  static CommandLineAnalysis unparseable(String line, String reason) {
    return new CommandLineAnalysis(line, List.of(), false, Optional.of(reason));
  }

  public boolean parseable() {
    return syntaxError.isEmpty();
  }

  /** Some program cannot be resolved statically, so no rule can be decided for certain. */
  public boolean hasDynamicProgram() {
    return commands.stream().anyMatch(SimpleCommand::dynamicProgram);
  }

  /** Parsed, and every program is known: a policy decision on this line is sound. */
  public boolean fullyResolved() {
    return parseable() && !hasDynamicProgram();
  }

  /**
   * Something on the line takes further commands from the channel's input ({@code bash}, {@code
   * sudo -i}, {@code python3}): those commands are not on the line, so checking the line does not
   * check them. Commands whose program is already dynamic (an interpreter fed by a pipe) are left
   * to {@link #hasDynamicProgram()}.
   */
  public boolean readsCommandsFromInput() {
    return commands.stream().anyMatch(c -> !c.dynamicProgram() && ProgramKinds.startsShell(c));
  }

  /**
   * The line is one plain command and nothing else: no other command, substitution, redirection,
   * background job or wrapper, and a program named as written. Its arguments may still expand at
   * run time (globs, {@code $HOME}), which runs nothing else.
   */
  public boolean singlePlainCommand() {
    if (!parseable() || commands.size() != 1) {
      return false;
    }
    SimpleCommand command = commands.get(0);
    return command.wrappers().isEmpty()
        && command.flags().stream().allMatch(f -> f == CommandFlag.DYNAMIC_ARGUMENTS);
  }
}
