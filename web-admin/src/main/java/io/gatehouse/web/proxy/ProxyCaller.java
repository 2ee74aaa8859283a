package io.gatehouse.web.proxy;

import io.gatehouse.http.HeaderList;

/**
 * Who is calling, as the proxy saw it. Container-neutral on purpose (instead of an {@code
 * HttpServletRequest}) so the proxy core runs and is tested without a servlet container.
 *
 * @param bearerToken the token from {@code Authorization: Bearer}; null when absent
 * @param remoteAddress the caller's IP address
 * @param headers the request headers (with the caller's Authorization)
 * @param tls whether the caller came in over HTTPS
 */
public record ProxyCaller(
    String bearerToken, String remoteAddress, HeaderList headers, boolean tls) {

  @Override
  public String toString() {
    return "ProxyCaller[" + remoteAddress + (bearerToken == null ? ", no token]" : ", token]");
  }
}
