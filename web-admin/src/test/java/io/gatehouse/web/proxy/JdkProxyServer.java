package io.gatehouse.web.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.http.HeaderList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The proxy core in the JDK's HTTP server on a free loopback port, for tests: no Liberty. */
final class JdkProxyServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  JdkProxyServer(ProxyCore core) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/proxy/",
        exchange -> {
          try (exchange) {
            core.handle(new JdkExchange(exchange));
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String connection) {
    return "http://127.0.0.1:" + port() + "/proxy/" + connection;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private record JdkExchange(HttpExchange exchange) implements ProxyExchange {

    @Override
    public String method() {
      return exchange.getRequestMethod();
    }

    @Override
    public String rawPath() {
      return exchange.getRequestURI().getRawPath();
    }

    @Override
    public String rawQuery() {
      return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public HeaderList requestHeaders() {
      HeaderList headers = new HeaderList();
      for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
        e.getValue().forEach(v -> headers.add(e.getKey(), v));
      }
      return headers;
    }

    @Override
    public String remoteAddress() {
      return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    @Override
    public String scheme() {
      return "http";
    }

    @Override
    public InputStream requestBody() {
      return exchange.getRequestBody();
    }

    @Override
    public OutputStream respond(int status, HeaderList headers, boolean hasBody)
        throws IOException {
      headers.fields().forEach(f -> exchange.getResponseHeaders().add(f.name(), f.value()));
      exchange.sendResponseHeaders(status, hasBody ? 0 : -1);
      return hasBody ? exchange.getResponseBody() : OutputStream.nullOutputStream();
    }
  }
}
