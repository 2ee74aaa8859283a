package io.gatehouse.http.kubernetes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives a {@link KubernetesRequest} from method, decoded path segments and query, with the rules
 * of the API server's {@code RequestInfoFactory} (k8s.io/apiserver, requestinfo.go), so the gateway
 * and the target agree on what a request does:
 *
 * <ul>
 *   <li>{@code /api/v1/...} is the core group, {@code /apis/{group}/{version}/...} a named group;
 *       shorter paths ({@code /api}, {@code /apis/apps}) and everything else are non-resource.
 *   <li>{@code watch} and {@code proxy} right after the version are legacy verbs in the path.
 *   <li>{@code namespaces/{ns}} scopes the rest, except {@code namespaces/{ns}/status|finalize},
 *       which are subresources of the namespace itself: {@code /api/v1/namespaces/x} is a {@code
 *       get} of resource {@code namespaces} named {@code x}.
 *   <li>A GET without a name is {@code list}, or {@code watch} when the {@code watch} parameter is
 *       present and not {@code 0}/{@code false}; a DELETE without a name is {@code
 *       deletecollection}. A field selector {@code metadata.name=x} names the object.
 * </ul>
 */
public final class KubernetesRequestClassifier {

  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /**
   * @param method the HTTP method
   * @param segments decoded path segments below the connection, no empty ones
   * @param query decoded query parameters
   * @param upgrade whether the request carries {@code Upgrade} (exec, attach, port-forward)
   */
  public KubernetesRequest classify(
      String method, List<String> segments, Map<String, List<String>> query, boolean upgrade) {
    String path = "/" + String.join("/", segments);
    if (segments.size() < 3 || !(segments.get(0).equals("api") || segments.get(0).equals("apis"))) {
      return nonResource(method, path, upgrade);
    }
    List<String> parts = segments.subList(1, segments.size());
    String group = "";
    if (segments.get(0).equals("apis")) {
      if (parts.size() < 3) {
        return nonResource(method, path, upgrade);
      }
      group = parts.get(0);
      parts = parts.subList(1, parts.size());
    }
    String version = parts.get(0);
    parts = parts.subList(1, parts.size());
    String verb = methodVerb(method);
    if (parts.get(0).equals("watch") || parts.get(0).equals("proxy")) {
      if (parts.size() < 2) {
        return nonResource(method, path, upgrade);
      }
      verb = parts.get(0);
      parts = parts.subList(1, parts.size());
    }
    String namespace = "";
    if (parts.get(0).equals("namespaces") && parts.size() > 1) {
      namespace = parts.get(1);
      if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
        parts = parts.subList(2, parts.size());
      }
    }
    String resource = parts.get(0);
    String name = parts.size() >= 2 ? parts.get(1) : "";
    String subresource = parts.size() >= 3 && !verb.equals("proxy") ? parts.get(2) : "";
    if (name.isEmpty() && verb.equals("get")) {
      verb = isWatch(query) ? "watch" : "list";
      name = nameFromFieldSelector(query);
    }
    if (name.isEmpty() && verb.equals("delete")) {
      verb = "deletecollection";
    }
    return new KubernetesRequest(
        true, verb, group, version, namespace, resource, subresource, name, path, upgrade);
  }

  private static KubernetesRequest nonResource(String method, String path, boolean upgrade) {
    return new KubernetesRequest(
        false, method.toLowerCase(Locale.ROOT), "", "", "", "", "", "", path, upgrade);
  }

  private static String methodVerb(String method) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "POST" -> "create";
      case "GET", "HEAD" -> "get";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }

  /** As the API server converts a boolean parameter: present and not "0" or "false" is true. */
  private static boolean isWatch(Map<String, List<String>> query) {
    List<String> values = query.get("watch");
    if (values == null || values.isEmpty()) {
      return false;
    }
    String first = values.get(0);
    return !(first.equals("0") || first.equalsIgnoreCase("false"));
  }

  private static String nameFromFieldSelector(Map<String, List<String>> query) {
    List<String> values = query.get("fieldSelector");
    if (values == null || values.isEmpty()) {
      return "";
    }
    for (String term : values.get(0).split(",")) {
      String t = term.trim();
      for (String op : new String[] {"==", "="}) {
        if (t.startsWith("metadata.name" + op)) {
          String name = t.substring(("metadata.name" + op).length());
          return name.contains("/") || name.contains("!") ? "" : name;
        }
      }
    }
    return "";
  }
}
