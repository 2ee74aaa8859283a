package it.io.gatehouse.http;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's Kubernetes API stand-in (CRUD) over HTTPS with its self-signed certificate, plus the
 * legacy discovery documents kubectl needs and the stand-in does not serve.
 */
final class ApiServerStandIn implements AutoCloseable {

  private final MockWebServer web = new MockWebServer();
  private final KubernetesMockServer server;

  ApiServerStandIn() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(), web, responses, new KubernetesMixedDispatcher(responses), true);
    server.init(InetAddress.getLoopbackAddress(), 0);
    expectDiscovery();
  }

  /** The base URL by the certificate's host name ({@code localhost}), so it verifies. */
  String url() {
    return "https://localhost:" + server.getPort() + "/";
  }

  /** The self-signed certificate, PEM: the connection's CA. */
  String certificatePem() throws IOException {
    return Files.readString(
        java.nio.file.Path.of(web.getSelfSignedCertificate().certificatePath()));
  }

  @Override
  public void close() {
    server.destroy();
  }

  static final String API =
      "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
          + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:6443\"}]}";

  static final String APIS = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";

  static final String V1 =
      "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
          + resource("pods", "pod", "Pod", true, "po")
          + ","
          + resource("secrets", "secret", "Secret", true, null)
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

  private void expectDiscovery() {
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
