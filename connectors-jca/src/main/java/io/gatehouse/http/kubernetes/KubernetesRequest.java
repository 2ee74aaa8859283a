package io.gatehouse.http.kubernetes;

/**
 * What a Kubernetes API request does, in RBAC terms. For a non-resource request ({@code /version},
 * {@code /healthz}, discovery) only {@code verb} (the lower-case method) and {@code path} are set;
 * the other strings are empty, never null.
 *
 * @param resourceRequest true for {@code /api/...} and {@code /apis/...} resource paths
 * @param verb {@code get list watch create update patch delete deletecollection}, {@code proxy} for
 *     the legacy proxy verb, else the lower-case method
 * @param apiGroup empty for the core group
 * @param apiVersion {@code v1}, {@code v1beta1}, …
 * @param namespace the namespace; for {@code /api/v1/namespaces/x} it is {@code x}, as the API
 *     server sets it; empty for cluster-scoped or all-namespaces requests
 * @param resource {@code pods}, {@code deployments}, …
 * @param subresource {@code exec}, {@code log}, {@code status}, …; empty if none
 * @param name the object's name; empty for collections
 * @param path the decoded path below the connection
 * @param upgrade the request asks for a protocol upgrade (WebSocket or SPDY streaming)
 */
public record KubernetesRequest(
    boolean resourceRequest,
    String verb,
    String apiGroup,
    String apiVersion,
    String namespace,
    String resource,
    String subresource,
    String name,
    String path,
    boolean upgrade) {

  /** {@code pods} for the core group, {@code deployments.apps} otherwise. */
  public String groupResource() {
    return apiGroup.isEmpty() ? resource : resource + "." + apiGroup;
  }

  /** API discovery and version documents, which every client reads before anything else. */
  public boolean discovery() {
    if (resourceRequest) {
      return false;
    }
    return path.equals("/api")
        || path.startsWith("/api/")
        || path.equals("/apis")
        || path.startsWith("/apis/")
        || path.equals("/version")
        || path.startsWith("/openapi/");
  }

  /** For logs: {@code delete namespaces/kube-system} or {@code get /version}. */
  public String describe() {
    if (!resourceRequest) {
      return verb + " " + path;
    }
    StringBuilder s = new StringBuilder(verb).append(' ').append(groupResource());
    if (!subresource.isEmpty()) {
      s.append('/').append(subresource);
    }
    if (!name.isEmpty()) {
      s.append(' ').append(name);
    }
    if (!namespace.isEmpty()) {
      s.append(" -n ").append(namespace);
    }
    return s.toString();
  }
}
