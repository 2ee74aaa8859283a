package io.gatehouse.http.kubernetes;

import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A policy rule's {@code when.kubernetes} section. All present criteria must match; inside a list
 * any element. Null or empty lists are absent criteria.
 *
 * <ul>
 *   <li>{@code verbs}: exact, or {@code *}.
 *   <li>{@code resources}: {@code pods} matches that resource in any API group (fail closed: an
 *       unqualified {@code deployments} covers {@code apps} and {@code extensions}); {@code
 *       deployments.apps} only that group; {@code *} any resource. Never a non-resource request.
 *   <li>{@code subresources}: exact; a request without a subresource does not match.
 *   <li>{@code namespaces}: globs, {@code *} any run of characters. A request for a namespaced
 *       resource across all namespaces ({@code kubectl get secrets -A}) matches any namespace glob,
 *       since it reads every namespace; a request for a well-known cluster-scoped resource ({@code
 *       nodes}, {@code clusterroles}, …) matches none.
 * </ul>
 */
public record KubernetesCriteria(
    List<String> verbs,
    List<String> resources,
    List<String> subresources,
    List<String> namespaces) {

  /** Cluster-scoped built-in resources; anything else without a namespace is all-namespaces. */
  static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "namespaces",
          "nodes",
          "persistentvolumes",
          "componentstatuses",
          "clusterroles",
          "clusterrolebindings",
          "customresourcedefinitions",
          "storageclasses",
          "csidrivers",
          "csinodes",
          "volumeattachments",
          "priorityclasses",
          "runtimeclasses",
          "apiservices",
          "certificatesigningrequests",
          "mutatingwebhookconfigurations",
          "validatingwebhookconfigurations",
          "validatingadmissionpolicies",
          "validatingadmissionpolicybindings",
          "ingressclasses",
          "tokenreviews",
          "selfsubjectaccessreviews",
          "selfsubjectrulesreviews",
          "subjectaccessreviews",
          "flowschemas",
          "prioritylevelconfigurations");

  public KubernetesCriteria {
    verbs = verbs == null ? List.of() : List.copyOf(verbs);
    resources = resources == null ? List.of() : List.copyOf(resources);
    subresources = subresources == null ? List.of() : List.copyOf(subresources);
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
  }

  public boolean matches(KubernetesRequest request) {
    if (!verbs.isEmpty() && !verbs.contains("*") && !verbs.contains(request.verb())) {
      return false;
    }
    if (!resources.isEmpty()
        && !(request.resourceRequest() && resources.stream().anyMatch(r -> resource(r, request)))) {
      return false;
    }
    if (!subresources.isEmpty() && !subresources.contains(request.subresource())) {
      return false;
    }
    return namespaces.isEmpty() || namespaceMatches(request);
  }

  private static boolean resource(String entry, KubernetesRequest request) {
    if (entry.equals("*")) {
      return true;
    }
    int dot = entry.indexOf('.');
    if (dot < 0) {
      return entry.equals(request.resource());
    }
    return entry.substring(0, dot).equals(request.resource())
        && entry.substring(dot + 1).equals(request.apiGroup());
  }

  private boolean namespaceMatches(KubernetesRequest request) {
    if (!request.resourceRequest()) {
      return false;
    }
    if (request.namespace().isEmpty()) {
      return !CLUSTER_SCOPED.contains(request.resource());
    }
    return namespaces.stream().anyMatch(glob -> glob(glob).matcher(request.namespace()).matches());
  }

  private static Pattern glob(String glob) {
    StringJoiner regex = new StringJoiner(".*");
    for (String literal : glob.split("\\*", -1)) {
      regex.add(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString());
  }
}
