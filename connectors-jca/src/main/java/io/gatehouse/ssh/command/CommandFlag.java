package io.gatehouse.ssh.command;

/** What the analysis knows about one simple command beyond its words. */
public enum CommandFlag {
  /** The program cannot be resolved statically ({@code $a}, {@code $(echo rm)}, globs, eval). */
  DYNAMIC_PROGRAM,
  /** At least one argument depends on run-time state; patterns see it as written. */
  DYNAMIC_ARGUMENTS,
  /** Runs inside a command or process substitution. */
  IN_SUBSTITUTION,
  /** Runs inside a subshell {@code ( … )}. */
  IN_SUBSHELL,
  /** Parsed from a {@code sh -c}, {@code eval}, {@code env -S} or here-document payload. */
  IN_SHELL_PAYLOAD,
  /** Run through a wrapper such as {@code sudo}, {@code env}, {@code xargs} or {@code nice}. */
  WRAPPED,
  /** Run by another program's argument list ({@code find -exec}). */
  EXECUTED_BY_ARGUMENT,
  /** Started in the background with {@code &}. */
  BACKGROUND,
  /** An interpreter given inline code it cannot inspect ({@code python -c}, {@code perl -e}). */
  INLINE_CODE,
  /** A shell that reads its script from a file the gateway cannot see. */
  SCRIPT_FILE,
  /** Its input or output is redirected ({@code <}, {@code >}, a here-document or here-string). */
  REDIRECTED
}
