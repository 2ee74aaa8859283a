package io.gatehouse.http.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.http.ProxyPath;
import io.gatehouse.http.QueryString;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesCriteriaTest {

  private static List<String> list(String s) {
    return s == null ? null : Arrays.asList(s.split(" "));
  }

  @ParameterizedTest(name = "[{0}] [{1}] [{2}] [{3}] vs {4} {5} -> {6}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        // verbs, resources, subresources, namespaces, method, path, matches
        "delete, namespaces, NULL, NULL, DELETE, /api/v1/namespaces/kube-system, true",
        "delete, namespaces, NULL, NULL, DELETE, /api/v1/namespaces/ns/pods/x, false",
        "delete, namespaces, NULL, NULL, GET, /api/v1/namespaces/kube-system, false",
        "delete deletecollection, pods, NULL, NULL, DELETE, /api/v1/namespaces/a/pods, true",
        "NULL, secrets, NULL, NULL, GET, /api/v1/secrets, true",
        "NULL, deployments.apps, NULL, NULL, PATCH, /apis/apps/v1/namespaces/a/deployments/w, true",
        "NULL, deployments.apps, NULL, NULL, PATCH, /apis/extensions/v1beta1/namespaces/a/deployments/w, false",
        "NULL, deployments, NULL, NULL, PATCH, /apis/extensions/v1beta1/namespaces/a/deployments/w, true",
        "NULL, pods, NULL, NULL, GET, /version, false",
        "NULL, *, NULL, NULL, GET, /api/v1/nodes, true",
        "*, NULL, NULL, NULL, GET, /version, true",
        "NULL, NULL, exec attach, NULL, POST, /api/v1/namespaces/a/pods/p/exec, true",
        "NULL, NULL, exec attach, NULL, GET, /api/v1/namespaces/a/pods/p/exec, true",
        "NULL, NULL, exec attach, NULL, GET, /api/v1/namespaces/a/pods/p/log, false",
        "NULL, NULL, exec, NULL, GET, /api/v1/namespaces/a/pods/p, false",
        "NULL, pods, exec, prod-*, POST, /api/v1/namespaces/prod-eu/pods/p/exec, true",
        "NULL, pods, exec, prod-*, POST, /api/v1/namespaces/staging/pods/p/exec, false",
        "NULL, secrets, NULL, kube-system, GET, /api/v1/namespaces/kube-system/secrets, true",
        // all-namespaces reads every namespace, kube-system included
        "NULL, secrets, NULL, kube-system, GET, /api/v1/secrets, true",
        "NULL, NULL, NULL, kube-*, DELETE, /api/v1/nodes/n1, false",
        "NULL, NULL, NULL, kube-system, DELETE, /api/v1/namespaces/kube-system, true",
        "NULL, NULL, NULL, *system*, GET, /api/v1/namespaces/kube-system/pods, true",
        "NULL, NULL, NULL, kube-system, GET, /version, false",
        "watch, NULL, NULL, NULL, GET, /api/v1/namespaces/a/pods?watch=true, true",
        "list, NULL, NULL, NULL, GET, /api/v1/namespaces/a/pods?watch=true, false",
      })
  void matches(
      String verbs,
      String resources,
      String subresources,
      String namespaces,
      String method,
      String target,
      boolean expected) {
    String[] pathAndQuery = target.split("\\?", 2);
    ProxyPath p = ProxyPath.parse("/proxy", "/proxy/c" + pathAndQuery[0]);
    KubernetesRequest request =
        new KubernetesRequestClassifier()
            .classify(
                method,
                p.segments(),
                QueryString.parse(pathAndQuery.length > 1 ? pathAndQuery[1] : null),
                false);
    KubernetesCriteria criteria =
        new KubernetesCriteria(list(verbs), list(resources), list(subresources), list(namespaces));
    assertEquals(expected, criteria.matches(request), criteria + " vs " + request);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL, application/json",
        "'', application/json",
        "application/vnd.kubernetes.protobuf, application/json",
        "'application/vnd.kubernetes.protobuf, application/json', application/json",
        "application/yaml, application/json",
        "*/*, application/json",
        "'application/json;as=Table;v=v1;g=meta.k8s.io,application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json'",
      })
  void acceptIsForcedToJson(String accept, String expected) {
    assertEquals(expected, KubernetesAccept.forceJson(accept), "Accept sent upstream");
  }
}
