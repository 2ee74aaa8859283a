package io.gatehouse.ssh.command;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of command analysis: what would this SSH command line run? Thread-safe and stateless;
 * each call parses afresh.
 */
public final class CommandAnalyzer {

  /** How deep substitutions, subshells and {@code sh -c} payloads may nest before refusing. */
  public static final int DEFAULT_MAX_DEPTH = 8;

  /** Longer lines are refused unparsed; no legitimate interactive line comes close. */
  public static final int MAX_LINE_LENGTH = 64 * 1024;

  private final int maxDepth;

  public CommandAnalyzer() {
    this(DEFAULT_MAX_DEPTH);
  }

  public CommandAnalyzer(int maxDepth) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1");
    }
    this.maxDepth = maxDepth;
  }

  public CommandLineAnalysis analyze(String line) {
    if (line.length() > MAX_LINE_LENGTH) {
      return CommandLineAnalysis.unparseable(line, "line longer than " + MAX_LINE_LENGTH);
    }
    if (line.indexOf('\0') >= 0) {
      return CommandLineAnalysis.unparseable(line, "line contains a NUL character");
    }
    try {
      Script script = ShellParser.parse(line, 0, maxDepth);
      ScriptWalker walker = new ScriptWalker(maxDepth);
      List<SimpleCommand> commands = walker.script(script, 0, EnumSet.noneOf(CommandFlag.class));
      return new CommandLineAnalysis(line, commands, walker.decodingPipe(), Optional.empty());
    } catch (ShellSyntaxException e) {
      return CommandLineAnalysis.unparseable(line, e.getMessage());
    }
  }
}
