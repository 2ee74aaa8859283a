package io.gatehouse.ssh.command;

import java.util.regex.Pattern;

/**
 * A policy glob: {@code *} any run of characters, {@code ?} one character, {@code [abc]} a class
 * ({@code [!abc]} negated); everything else literal. Matches the whole input.
 */
public final class Glob {

  private final String glob;
  private final Pattern pattern;

  private Glob(String glob) {
    this.glob = glob;
    this.pattern = Pattern.compile(toRegex(glob), Pattern.DOTALL);
  }

  public static Glob of(String glob) {
    return new Glob(glob);
  }

  public boolean matches(String input) {
    return pattern.matcher(input).matches();
  }

  @Override
  public String toString() {
    return glob;
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (close > 0) {
        String body = glob.substring(i + 1, close);
        boolean negated = body.startsWith("!");
        String chars =
            (negated ? body.substring(1) : body).replace("\\", "\\\\").replace("[", "\\[");
        regex.append('[').append(negated ? "^" : "").append(chars).append(']');
        i = close;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
