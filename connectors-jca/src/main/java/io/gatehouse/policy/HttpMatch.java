package io.gatehouse.policy;

import java.util.List;
import java.util.Set;

/**
 * {@code when.http}.
 *
 * @param methods request methods, upper case
 * @param paths globs over the path below {@code /proxy/{connection}} ({@code **} crosses {@code /})
 */
public record HttpMatch(List<String> methods, List<String> paths) {

  /** The methods a policy may name. */
  public static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  public HttpMatch {
    methods = List.copyOf(methods);
    paths = List.copyOf(paths);
    if (methods.isEmpty() && paths.isEmpty()) {
      throw new IllegalArgumentException("an http match needs at least one criterion");
    }
  }
}
