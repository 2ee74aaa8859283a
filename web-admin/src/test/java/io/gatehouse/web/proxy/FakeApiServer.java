package io.gatehouse.web.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of a Kubernetes API server to serve {@code kubectl get secrets -w}: discovery, an
 * empty list, and a watch whose events the test releases one at a time (the stand-in library
 * answers watches over WebSocket only, kubectl watches over a chunked HTTP response).
 */
final class FakeApiServer implements AutoCloseable {

  /** Events to send on the watch; the string "END" closes it. */
  final BlockingQueue<String> watchEvents = new LinkedBlockingQueue<>();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  FakeApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Access for the token {@code good-token} (alice) to this server as connection kind-test. */
  InMemoryProxyAccess access() {
    return new InMemoryProxyAccess()
        .token("good-token", "alice", "kind-test")
        .connection(
            new ProxyTarget(
                "kind-test",
                io.gatehouse.connector.api.Protocol.KUBERNETES,
                uri(),
                new TargetCredential.Bearer("sa-token"),
                null,
                null,
                null));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String query = String.valueOf(ex.getRequestURI().getQuery());
      switch (path) {
        case "/api" -> json(ex, Discovery.API);
        case "/apis" -> json(ex, Discovery.APIS);
        case "/api/v1" -> json(ex, Discovery.V1);
        case "/api/v1/namespaces/default/secrets" -> {
          if (query.contains("watch=true")) {
            watch(ex);
          } else {
            json(
                ex,
                "{\"kind\":\"SecretList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}");
          }
        }
        default -> {
          ex.sendResponseHeaders(404, -1);
        }
      }
    }
  }

  private void watch(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    try {
      String event;
      while ((event = watchEvents.poll(30, TimeUnit.SECONDS)) != null && !event.equals("END")) {
        out.write((event + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.close();
  }

  static String secretEvent(String type, String name, String resourceVersion, String base64) {
    return "{\"type\":\""
        + type
        + "\",\"object\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\"default\",\"resourceVersion\":\""
        + resourceVersion
        + "\"},\"data\":{\"password\":\""
        + base64
        + "\"},\"type\":\"Opaque\"}}";
  }

  private static void json(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    watchEvents.add("END");
    server.stop(0);
    executor.shutdownNow();
  }
}
