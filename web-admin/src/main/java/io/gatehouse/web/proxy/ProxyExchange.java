package io.gatehouse.web.proxy;

import io.gatehouse.http.HeaderList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One request and its response, independent of the container: the servlet adapts {@code
 * HttpServletRequest}/{@code Response}, tests adapt the JDK's HTTP server.
 */
public interface ProxyExchange {

  String method();

  /** The request path exactly as received, not decoded, without the query. */
  String rawPath();

  /** The raw query string, or null. */
  String rawQuery();

  HeaderList requestHeaders();

  String remoteAddress();

  /** {@code http} or {@code https}. */
  String scheme();

  InputStream requestBody() throws IOException;

  /**
   * Sends status and headers. With {@code hasBody} the body follows, framed by the container
   * (chunked), on the returned stream; flushing it sends what was written.
   */
  OutputStream respond(int status, HeaderList headers, boolean hasBody) throws IOException;

  /** Whether this exchange can switch protocols (servlet upgrade); the JDK's server cannot. */
  default boolean canSwitchProtocols() {
    return false;
  }

  /**
   * Answers 101 with these headers and, once the container lets go of the connection, hands the
   * caller's raw streams to {@code relay}.
   */
  default void switchProtocols(HeaderList headers, ByteRelay relay) throws IOException {
    throw new UnsupportedOperationException("this exchange cannot switch protocols");
  }
}
