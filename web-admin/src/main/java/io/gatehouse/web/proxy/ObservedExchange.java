package io.gatehouse.web.proxy;

import io.gatehouse.http.HeaderList;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Passes an exchange through, noting the status sent and counting the body bytes, for recording.
 */
final class ObservedExchange implements ProxyExchange {

  private final ProxyExchange exchange;
  private int status;
  private long bytes;

  ObservedExchange(ProxyExchange exchange) {
    this.exchange = exchange;
  }

  int status() {
    return status;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public String method() {
    return exchange.method();
  }

  @Override
  public String rawPath() {
    return exchange.rawPath();
  }

  @Override
  public String rawQuery() {
    return exchange.rawQuery();
  }

  @Override
  public HeaderList requestHeaders() {
    return exchange.requestHeaders();
  }

  @Override
  public String remoteAddress() {
    return exchange.remoteAddress();
  }

  @Override
  public String scheme() {
    return exchange.scheme();
  }

  @Override
  public InputStream requestBody() throws IOException {
    return exchange.requestBody();
  }

  @Override
  public OutputStream respond(int status, HeaderList headers, boolean hasBody) throws IOException {
    this.status = status;
    return new FilterOutputStream(exchange.respond(status, headers, hasBody)) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        bytes++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        bytes += len;
      }
    };
  }

  @Override
  public boolean canSwitchProtocols() {
    return exchange.canSwitchProtocols();
  }

  @Override
  public void switchProtocols(HeaderList headers, ByteRelay relay) throws IOException {
    status = 101;
    exchange.switchProtocols(headers, relay);
  }
}
