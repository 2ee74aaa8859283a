package io.gatehouse.http.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.http.ProxyPath;
import io.gatehouse.http.QueryString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesRequestClassifierTest {

  private final KubernetesRequestClassifier classifier = new KubernetesRequestClassifier();

  private KubernetesRequest classify(String method, String path, String query) {
    ProxyPath p = ProxyPath.parse("/proxy", "/proxy/kind-test" + path);
    return classifier.classify(method, p.segments(), QueryString.parse(query), false);
  }

  @ParameterizedTest(name = "{0} {1}?{2} -> {3} {4}/{5} {6} {7} {8} {9}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        // method, path, query, verb, group, version, namespace, resource, subresource, name
        "GET, /api/v1/namespaces/default/pods, NULL, list, '', v1, default, pods, '', ''",
        "GET, /api/v1/namespaces/default/pods, watch=true, watch, '', v1, default, pods, '', ''",
        "GET, /api/v1/namespaces/default/pods, watch=1, watch, '', v1, default, pods, '', ''",
        "GET, /api/v1/namespaces/default/pods, watch=, watch, '', v1, default, pods, '', ''",
        "GET, /api/v1/namespaces/default/pods, watch=false, list, '', v1, default, pods, '', ''",
        "GET, /api/v1/namespaces/default/pods, watch=0, list, '', v1, default, pods, '', ''",
        "GET, /api/v1/watch/namespaces/default/pods, NULL, watch, '', v1, default, pods, '', ''",
        "GET, /api/v1/watch/namespaces/default/pods/web, NULL, watch, '', v1, default, pods, '', web",
        "GET, /api/v1/namespaces/default/pods/web, NULL, get, '', v1, default, pods, '', web",
        "HEAD, /api/v1/namespaces/default/pods/web, NULL, get, '', v1, default, pods, '', web",
        "GET, /api/v1/namespaces/ns/pods/web/exec, command=ls, get, '', v1, ns, pods, exec, web",
        "POST, /api/v1/namespaces/ns/pods/web/exec, command=ls, create, '', v1, ns, pods, exec, web",
        "POST, /api/v1/namespaces/ns/pods/web/attach, NULL, create, '', v1, ns, pods, attach, web",
        "POST, /api/v1/namespaces/ns/pods/web/portforward, NULL, create, '', v1, ns, pods, portforward, web",
        "GET, /api/v1/namespaces/ns/pods/web/log, follow=true, get, '', v1, ns, pods, log, web",
        "GET, /api/v1/namespaces/ns/pods/web/proxy/metrics, NULL, get, '', v1, ns, pods, proxy, web",
        "GET, /api/v1/proxy/namespaces/ns/pods/web/x, NULL, proxy, '', v1, ns, pods, '', web",
        "GET, /api/v1/namespaces/ns, NULL, get, '', v1, ns, namespaces, '', ns",
        "DELETE, /api/v1/namespaces/kube-system, NULL, delete, '', v1, kube-system, namespaces, '', kube-system",
        "PUT, /api/v1/namespaces/ns/status, NULL, update, '', v1, ns, namespaces, status, ns",
        "PUT, /api/v1/namespaces/ns/finalize, NULL, update, '', v1, ns, namespaces, finalize, ns",
        "GET, /api/v1/namespaces, NULL, list, '', v1, '', namespaces, '', ''",
        "POST, /api/v1/namespaces, NULL, create, '', v1, '', namespaces, '', ''",
        "GET, /api/v1/nodes, NULL, list, '', v1, '', nodes, '', ''",
        "GET, /api/v1/nodes/n1, NULL, get, '', v1, '', nodes, '', n1",
        "GET, /api/v1/secrets, NULL, list, '', v1, '', secrets, '', ''",
        "GET, /apis/apps/v1/namespaces/ns/deployments, NULL, list, apps, v1, ns, deployments, '', ''",
        "POST, /apis/apps/v1/namespaces/ns/deployments, NULL, create, apps, v1, ns, deployments, '', ''",
        "PATCH, /apis/apps/v1/namespaces/ns/deployments/web, NULL, patch, apps, v1, ns, deployments, '', web",
        "PUT, /apis/apps/v1/namespaces/ns/deployments/web/scale, NULL, update, apps, v1, ns, deployments, scale, web",
        "DELETE, /apis/apps/v1/namespaces/ns/deployments, NULL, deletecollection, apps, v1, ns, deployments, '', ''",
        "DELETE, /apis/apps/v1/namespaces/ns/deployments/web, NULL, delete, apps, v1, ns, deployments, '', web",
        "GET, /apis/rbac.authorization.k8s.io/v1/clusterroles, NULL, list, rbac.authorization.k8s.io, v1, '', clusterroles, '', ''",
        "GET, /api/v1/namespaces/ns/secrets, fieldSelector=metadata.name%3Ddb, list, '', v1, ns, secrets, '', db",
        "GET, /api/v1/namespaces/ns/secrets, fieldSelector=metadata.name!%3Ddb, list, '', v1, ns, secrets, '', ''",
        // double and trailing slashes are collapsed before classification
        "GET, //api//v1/namespaces//ns/pods/, NULL, list, '', v1, ns, pods, '', ''",
        // an encoded slash is a separator for classification (the API server refuses such names)
        "GET, /api/v1/namespaces/ns%2Fpods, NULL, list, '', v1, ns, pods, '', ''",
      })
  void resourceRequests(
      String method,
      String path,
      String query,
      String verb,
      String group,
      String version,
      String namespace,
      String resource,
      String subresource,
      String name) {
    KubernetesRequest r = classify(method, path, query);
    assertEquals(true, r.resourceRequest(), "resource request: " + r);
    assertEquals(verb, r.verb(), "verb: " + r);
    assertEquals(group, r.apiGroup(), "group: " + r);
    assertEquals(version, r.apiVersion(), "version: " + r);
    assertEquals(namespace, r.namespace(), "namespace: " + r);
    assertEquals(resource, r.resource(), "resource: " + r);
    assertEquals(subresource, r.subresource(), "subresource: " + r);
    assertEquals(name, r.name(), "name: " + r);
  }

  @ParameterizedTest(name = "{0} {1} -> non-resource {2}, discovery={3}")
  @CsvSource({
    "GET, /api, get, true",
    "GET, /api/v1, get, true",
    "GET, /apis, get, true",
    "GET, /apis/apps, get, true",
    "GET, /apis/apps/v1, get, true",
    "GET, /version, get, true",
    "GET, /openapi/v2, get, true",
    "GET, /openapi/v3/apis/apps/v1, get, true",
    "GET, /healthz, get, false",
    "POST, /metrics, post, false",
    "GET, /, get, false",
    // case matters: the API server would answer 404
    "GET, /API/v1/namespaces/ns/pods, get, false",
    "GET, /api/v1/watch, get, true",
  })
  void nonResourceRequests(String method, String path, String verb, boolean discovery) {
    KubernetesRequest r = classify(method, path, null);
    assertEquals(false, r.resourceRequest(), "non-resource: " + r);
    assertEquals(verb, r.verb(), "verb: " + r);
    assertEquals(discovery, r.discovery(), "discovery: " + r);
  }

  @ParameterizedTest
  @CsvSource({
    "DELETE, /api/v1/namespaces/kube-system, delete namespaces kube-system -n kube-system",
    "GET, /apis/apps/v1/namespaces/ns/deployments/web/scale, get deployments.apps/scale web -n ns",
    "GET, /version, get /version",
  })
  void describesForLogs(String method, String path, String expected) {
    assertEquals(expected, classify(method, path, null).describe(), "log line");
  }
}
