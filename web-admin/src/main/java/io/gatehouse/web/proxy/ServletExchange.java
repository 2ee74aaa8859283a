package io.gatehouse.web.proxy;

import io.gatehouse.http.HeaderList;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;

/** A {@link ProxyExchange} over the servlet API. */
final class ServletExchange implements ProxyExchange {

  private final HttpServletRequest request;
  private final HttpServletResponse response;

  ServletExchange(HttpServletRequest request, HttpServletResponse response) {
    this.request = request;
    this.response = response;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String rawPath() {
    // getRequestURI is not decoded; strip the context root ("" when the WAR is at "/").
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  @Override
  public String rawQuery() {
    return request.getQueryString();
  }

  @Override
  public HeaderList requestHeaders() {
    HeaderList headers = new HeaderList();
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        headers.add(name, value);
      }
    }
    return headers;
  }

  @Override
  public String remoteAddress() {
    return request.getRemoteAddr();
  }

  @Override
  public String scheme() {
    return request.getScheme();
  }

  @Override
  public InputStream requestBody() throws IOException {
    return request.getInputStream();
  }

  @Override
  public OutputStream respond(int status, HeaderList headers, boolean hasBody) throws IOException {
    response.setStatus(status);
    for (HeaderList.Field f : headers.fields()) {
      response.addHeader(f.name(), f.value());
    }
    if (!hasBody) {
      response.setContentLength(0);
      response.flushBuffer();
      return OutputStream.nullOutputStream();
    }
    response.flushBuffer();
    return response.getOutputStream();
  }

  @Override
  public boolean canSwitchProtocols() {
    return true;
  }

  @Override
  public void switchProtocols(HeaderList headers, ByteRelay relay) throws IOException {
    response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
    for (HeaderList.Field f : headers.fields()) {
      response.addHeader(f.name(), f.value());
    }
    try {
      request.upgrade(RelayUpgradeHandler.class).relayTo(relay);
    } catch (ServletException e) {
      relay.close();
      throw new IOException("the container refused the protocol switch", e);
    }
  }
}
