package io.gatehouse.web.proxy;

/**
 * SPI, implemented by the control plane: decides one proxied request against the connection's
 * policy ({@code when.http}, {@code when.kubernetes}; the criteria classes in {@code
 * io.gatehouse.http} and {@code io.gatehouse.http.kubernetes} do the matching) and says what to
 * mask in the response. Called once per request, on the request thread; keep it fast.
 */
public interface ProxyPolicy {

  ProxyDecision decide(ProxyTarget target, ProxyRequest request);
}
