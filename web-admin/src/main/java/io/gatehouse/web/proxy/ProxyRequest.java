package io.gatehouse.web.proxy;

import io.gatehouse.http.kubernetes.KubernetesRequest;
import java.util.List;
import java.util.Map;

/**
 * A proxied request as policy sees it.
 *
 * @param method the HTTP method as sent
 * @param path the decoded path below {@code /proxy/{connection}}, for {@code when.http.paths}
 * @param query decoded query parameters
 * @param kubernetes the Kubernetes classification for a Kubernetes connection; else null
 * @param upgrade the request asks to switch protocols (exec, attach, port-forward, WebSocket)
 */
public record ProxyRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    KubernetesRequest kubernetes,
    boolean upgrade) {

  /**
   * For logs: the Kubernetes meaning, or method and path (never the query: it may hold secrets).
   */
  public String describe() {
    return kubernetes != null ? kubernetes.describe() : method + " " + path;
  }
}
