package io.gatehouse.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A rule's {@code when}: the rule matches when any present section matches; each section applies
 * only on its own data path.
 */
public record RuleMatch(
    Optional<SqlMatch> sql,
    Optional<CommandMatch> command,
    Optional<ForwardMatch> forward,
    Optional<HttpMatch> http,
    Optional<KubernetesMatch> kubernetes) {

  public RuleMatch {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(forward, "forward");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(kubernetes, "kubernetes");
    if (sql.isEmpty()
        && command.isEmpty()
        && forward.isEmpty()
        && http.isEmpty()
        && kubernetes.isEmpty()) {
      throw new IllegalArgumentException("'when' needs at least one section");
    }
  }
}
