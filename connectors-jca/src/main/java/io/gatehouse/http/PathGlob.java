package io.gatehouse.http;

import java.util.regex.Pattern;

/**
 * A glob over a slash-separated path: {@code *} matches within one segment, {@code ?} one character
 * of a segment, {@code **} any run of characters including {@code /}; {@code /**} also matches
 * nothing, so {@code /admin/**} covers {@code /admin} itself. Case-sensitive, as paths are.
 */
public final class PathGlob {

  private final String glob;
  private final Pattern pattern;

  private PathGlob(String glob, Pattern pattern) {
    this.glob = glob;
    this.pattern = pattern;
  }

  public static PathGlob compile(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("/**", i) && (i + 3 == glob.length() || glob.charAt(i + 3) == '/')) {
        regex.append("(?:/.*)?");
        i += 3;
      } else if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (glob.charAt(i) == '*') {
        regex.append("[^/]*");
        i++;
      } else if (glob.charAt(i) == '?') {
        regex.append("[^/]");
        i++;
      } else {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
        i++;
      }
    }
    return new PathGlob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  public boolean matches(String path) {
    return pattern.matcher(path).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
