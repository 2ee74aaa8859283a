package io.gatehouse.web.proxy;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * Legacy discovery documents for the stand-in API server, which serves CRUD but not discovery:
 * kubectl needs {@code /api}, {@code /api/v1} and {@code /apis} to map {@code pods} to a path.
 */
final class Discovery {

  private Discovery() {}

  static final String API =
      "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
          + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:6443\"}]}";

  static final String APIS = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";

  static final String V1 =
      "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
          + resource("pods", "pod", "Pod", true, "po")
          + ","
          + resource("pods/exec", "", "PodExecOptions", true, null)
          + ","
          + resource("secrets", "secret", "Secret", true, null)
          + ","
          + resource("configmaps", "configmap", "ConfigMap", true, "cm")
          + ","
          + resource("namespaces", "namespace", "Namespace", false, "ns")
          + "]}";

  private static String resource(
      String name, String singular, String kind, boolean namespaced, String shortName) {
    return "{\"name\":\""
        + name
        + "\",\"singularName\":\""
        + singular
        + "\",\"namespaced\":"
        + namespaced
        + ",\"kind\":\""
        + kind
        + "\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]"
        + (shortName == null ? "" : ",\"shortNames\":[\"" + shortName + "\"]")
        + "}";
  }

  static void expect(KubernetesMockServer server) {
    for (String suffix : new String[] {"", "?timeout=32s", "?timeout=20s"}) {
      for (String[] doc : new String[][] {{"/api", API}, {"/apis", APIS}, {"/api/v1", V1}}) {
        server
            .expect()
            .get()
            .withPath(doc[0] + suffix)
            .andReturn(200, doc[1])
            .withHeader("Content-Type", "application/json")
            .always();
      }
    }
  }
}
