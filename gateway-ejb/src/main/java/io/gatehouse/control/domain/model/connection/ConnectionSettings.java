package io.gatehouse.control.domain.model.connection;

import java.util.Objects;
import java.util.Set;

/**
 * Everything about a connection except its name and credential, checked as a whole.
 *
 * @param hostKey SSH only: the pinned host key, or null
 * @param policyName the policy that applies, or null for none
 */
public record ConnectionSettings(
    ConnectionType type,
    Target target,
    TlsSettings tls,
    String hostKey,
    Set<String> accessGroups,
    String policyName) {

  public ConnectionSettings {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(tls, "tls");
    accessGroups = Set.copyOf(accessGroups);
    if (!target.suits(type)) {
      throw new IllegalArgumentException("target " + target + " does not suit a " + type);
    }
    if (hostKey != null && type != ConnectionType.SSH) {
      throw new IllegalArgumentException("only an SSH connection pins a host key");
    }
    if (accessGroups.stream().anyMatch(g -> g == null || g.isBlank())) {
      throw new IllegalArgumentException("access groups must not be blank");
    }
    if (policyName != null) {
      Names.requireResourceName(policyName, "policy name");
    }
  }
}
