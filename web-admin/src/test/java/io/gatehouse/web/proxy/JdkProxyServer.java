package io.gatehouse.web.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
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
import javax.net.ssl.SSLContext;

/** The proxy core in the JDK's HTTP server on a free loopback port, for tests: no Liberty. */
final class JdkProxyServer implements AutoCloseable {

  private final HttpServer server;
  private final String scheme;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  JdkProxyServer(ProxyCore core) throws IOException {
    this(core, null);
  }

  /** With a TLS context: HTTPS, as kubectl sends its token over TLS only. */
  JdkProxyServer(ProxyCore core, SSLContext tls) throws IOException {
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(any, 0);
    } else {
      HttpsServer https = HttpsServer.create(any, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    scheme = tls == null ? "http" : "https";
    server.createContext(
        "/proxy/",
        exchange -> {
          try (exchange) {
            core.handle(new JdkExchange(exchange, scheme));
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String connection) {
    return scheme + "://127.0.0.1:" + port() + "/proxy/" + connection;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private record JdkExchange(HttpExchange exchange, String scheme) implements ProxyExchange {

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
