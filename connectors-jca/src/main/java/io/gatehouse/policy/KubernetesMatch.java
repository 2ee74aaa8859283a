package io.gatehouse.policy;

import java.util.List;

/**
 * {@code when.kubernetes}.
 *
 * @param verbs Kubernetes API verbs, see {@link #VERBS}
 * @param resources resource names ({@code pods}, {@code deployments.apps})
 * @param subresources subresource names ({@code exec}, {@code log})
 * @param namespaces globs over the namespace
 */
public record KubernetesMatch(
    List<String> verbs,
    List<String> resources,
    List<String> subresources,
    List<String> namespaces) {

  /** The verbs a policy may name. */
  public static final List<String> VERBS =
      List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

  public KubernetesMatch {
    verbs = List.copyOf(verbs);
    resources = List.copyOf(resources);
    subresources = List.copyOf(subresources);
    namespaces = List.copyOf(namespaces);
    if (verbs.isEmpty() && resources.isEmpty() && subresources.isEmpty() && namespaces.isEmpty()) {
      throw new IllegalArgumentException("a kubernetes match needs at least one criterion");
    }
  }
}
