package it.io.gatehouse.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real HTTP webhook receiver (the JDK's server) on an ephemeral loopback port, with three
 * behaviours by path: {@code /ok} answers 204, {@code /flaky} answers 500 to its first post and 204
 * after, {@code /hang} holds every post until the receiver stops. Every post is kept.
 */
final class WebhookReceiver implements AutoCloseable {

  record Post(String path, Instant at, JsonObject json, int answered) {}

  private final HttpServer server;
  private final List<Post> posts = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private int flakyCalls;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/ok", e -> answer(e, 204));
    server.createContext(
        "/flaky",
        e -> {
          // The answer is chosen where the post is listed, under one lock: posts delivered at
          // once then stand in the list in the order their answers were chosen.
          int status = keep(e, () -> flakyCalls++ == 0 ? 500 : 204);
          e.sendResponseHeaders(status, -1);
          e.close();
        });
    server.createContext(
        "/hang",
        e -> {
          keep(e, 0);
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
          e.close();
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void answer(HttpExchange exchange, int status) throws IOException {
    keep(exchange, status);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private void keep(HttpExchange exchange, int status) throws IOException {
    keep(exchange, () -> status);
  }

  private int keep(HttpExchange exchange, java.util.function.IntSupplier status)
      throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonObject json = Json.createReader(new StringReader(body)).readObject();
    synchronized (this) {
      int answered = status.getAsInt();
      posts.add(new Post(exchange.getHttpContext().getPath(), Instant.now(), json, answered));
      notifyAll();
      return answered;
    }
  }

  synchronized List<Post> posts() {
    return List.copyOf(posts);
  }

  /** Waits until a post matching {@code which} arrived; null after {@code within}. */
  synchronized Post await(Predicate<Post> which, Duration within) throws InterruptedException {
    Instant giveUp = Instant.now().plus(within);
    while (true) {
      for (Post post : posts) {
        if (which.test(post)) {
          return post;
        }
      }
      long left = Duration.between(Instant.now(), giveUp).toMillis();
      if (left <= 0) {
        return null;
      }
      wait(left);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
