package io.gatehouse.ssh.command;

import java.util.List;
import java.util.Set;

/**
 * One simple command the line would run.
 *
 * @param program the program's name: the basename of a path ({@code /bin/rm} is {@code rm}); for a
 *     dynamic program, the word as written
 * @param programPath the program word as written ({@code /bin/rm}, or {@code rm})
 * @param argv the program and its arguments after quote removal, wrappers removed
 * @param words every word as written after quote removal, wrappers included, assignments excluded
 * @param wrappers the wrappers the program runs through, outermost first ({@code sudo}, {@code
 *     env})
 * @param flags what else is known; see {@link CommandFlag}
 */
public record SimpleCommand(
    String program,
    String programPath,
    List<String> argv,
    List<String> words,
    List<String> wrappers,
    Set<CommandFlag> flags) {

  public SimpleCommand {
    argv = List.copyOf(argv);
    words = List.copyOf(words);
    wrappers = List.copyOf(wrappers);
    flags = Set.copyOf(flags);
  }

  SimpleCommand withFlag(CommandFlag flag) {
    java.util.EnumSet<CommandFlag> more = java.util.EnumSet.of(flag);
    more.addAll(flags);
    return new SimpleCommand(program, programPath, argv, words, wrappers, more);
  }

  public boolean dynamicProgram() {
    return flags.contains(CommandFlag.DYNAMIC_PROGRAM);
  }

  public boolean has(CommandFlag flag) {
    return flags.contains(flag);
  }

  /** The words joined by one space, as policy patterns see the command. */
  public String text() {
    return String.join(" ", argv);
  }

  @Override
  public String toString() {
    return text() + (flags.isEmpty() ? "" : " " + flags);
  }
}
