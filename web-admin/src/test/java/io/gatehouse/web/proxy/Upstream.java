package io.gatehouse.web.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A plain HTTP target for tests, recording what reached it. */
final class Upstream implements AutoCloseable {

  final Map<String, HttpExchangeRecord> seen = new ConcurrentHashMap<>();
  final CountDownLatch releaseSecondEvent = new CountDownLatch(1);
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  record HttpExchangeRecord(
      String method, String rawPath, Map<String, List<String>> headers, String body) {}

  Upstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/base");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      seen.put(
          path,
          new HttpExchangeRecord(
              ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()), body));
      switch (path) {
        case "/base/users" ->
            send(
                ex,
                200,
                "application/json",
                "{\"users\":[{\"name\":\"ann\",\"password\":\"p1\",\"profile\":{\"password\":\"p2\",\"city\":\"Oslo\"}}]}");
        case "/base/text" -> send(ex, 200, "text/plain", "password=p3");
        case "/base/cookie" -> {
          ex.getResponseHeaders().add("Set-Cookie", "JSESSIONID=target-session");
          ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=target");
          send(ex, 200, "application/json", "{}");
        }
        case "/base/unauthorized" -> send(ex, 401, "text/plain", "who are you");
        case "/base/events" -> events(ex);
        default -> send(ex, 200, "application/json", "{\"ok\":true}");
      }
    }
  }

  private void events(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/x-ndjson");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    out.write("{\"n\":1,\"password\":\"e1\"}\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    try {
      releaseSecondEvent.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.write("{\"n\":2,\"password\":\"e2\"}\n".getBytes(StandardCharsets.UTF_8));
    out.close();
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    releaseSecondEvent.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
