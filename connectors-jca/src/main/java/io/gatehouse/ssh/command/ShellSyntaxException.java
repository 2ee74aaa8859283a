package io.gatehouse.ssh.command;

/** The line cannot be parsed (unbalanced quotes, nesting too deep, unsupported syntax). */
public final class ShellSyntaxException extends Exception {

  private static final long serialVersionUID = 1L;

  public ShellSyntaxException(String message) {
    super(message);
  }
}
