package io.gatehouse.http;

import java.util.List;

/**
 * A policy rule's {@code when.http} section. All present criteria must match; inside a list any
 * element. Methods compare case-insensitively (a block on {@code DELETE} also catches {@code
 * delete}); paths are {@link PathGlob}s over {@link ProxyPath#matchPath()}.
 *
 * @param methods HTTP methods; null or empty: any
 * @param paths path globs; null or empty: any
 */
public record HttpCriteria(List<String> methods, List<PathGlob> paths) {

  public static HttpCriteria of(List<String> methods, List<String> paths) {
    return new HttpCriteria(
        methods == null ? List.of() : List.copyOf(methods),
        paths == null ? List.of() : paths.stream().map(PathGlob::compile).toList());
  }

  public boolean matches(String method, String matchPath) {
    if (!methods.isEmpty() && methods.stream().noneMatch(m -> m.equalsIgnoreCase(method))) {
      return false;
    }
    return paths.isEmpty() || paths.stream().anyMatch(g -> g.matches(matchPath));
  }
}
