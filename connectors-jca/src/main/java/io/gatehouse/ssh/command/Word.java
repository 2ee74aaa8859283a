package io.gatehouse.ssh.command;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One shell word after quote removal.
 *
 * @param text the word with quotes and escapes removed; expansions ({@code $x}, {@code $(…)}) are
 *     kept as written
 * @param dynamic the value depends on run-time state (parameter, command or arithmetic expansion)
 * @param pathnameExpansion the word has unquoted glob or brace-expansion characters, so the shell
 *     may turn it into other words
 * @param assignmentCandidate the unquoted prefix looks like {@code NAME=}
 * @param substitutions command and process substitutions inside the word, parsed
 */
record Word(
    String text,
    boolean dynamic,
    boolean pathnameExpansion,
    boolean assignmentCandidate,
    List<Script> substitutions) {

  // "[" alone is the test command; only a bracket expression with its "]" is a glob.
  private static final Pattern GLOB = Pattern.compile("[*?]|\\[[^\\]]+]");
  private static final Pattern BRACE = Pattern.compile("\\{[^{}]*(,|\\.\\.)[^{}]*}");
  private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*\\+?=.*", 32);

  Word {
    substitutions = List.copyOf(substitutions);
  }

  /** Builds a word from its text and its "shape": the unquoted characters, quoted ones as 'q'. */
  static Word of(String text, String shape, boolean dynamic, List<Script> substitutions) {
    boolean expands = GLOB.matcher(shape).find() || BRACE.matcher(shape).find();
    return new Word(text, dynamic, expands, ASSIGNMENT.matcher(shape).matches(), substitutions);
  }

  static Word literal(String text) {
    return new Word(text, false, false, false, List.of());
  }

  /** Neither dynamic nor subject to pathname or brace expansion: the shell runs it as written. */
  boolean isStatic() {
    return !dynamic && !pathnameExpansion;
  }
}
