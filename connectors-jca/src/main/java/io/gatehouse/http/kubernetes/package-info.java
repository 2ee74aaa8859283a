/**
 * Kubernetes API requests as RBAC sees them: {@link
 * io.gatehouse.http.kubernetes.KubernetesRequestClassifier} derives verb, API group and version,
 * resource, subresource, namespace and name from method, path and query, following the API server's
 * own request-info rules; {@link io.gatehouse.http.kubernetes.KubernetesCriteria} is a policy
 * rule's {@code when.kubernetes} section; {@link io.gatehouse.http.kubernetes.KubernetesAccept}
 * forces JSON responses so they can be masked.
 */
package io.gatehouse.http.kubernetes;
