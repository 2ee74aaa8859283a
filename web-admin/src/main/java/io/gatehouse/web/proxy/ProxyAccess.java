package io.gatehouse.web.proxy;

/**
 * SPI, implemented by the control plane: authenticates the caller's bearer token and resolves a
 * connection the caller may use right now (standing access or an active grant) to its target.
 * Implementations are CDI beans; the proxy answers 503 while none is deployed.
 */
public interface ProxyAccess {

  /**
   * @param connection the connection named in the path
   * @param caller the caller's token and address
   * @return where to forward, with the credential to inject
   * @throws ProxyDeniedException 401 (no or bad token), 403 (not allowed), 404 (no such connection)
   */
  ProxyTarget resolve(String connection, ProxyCaller caller) throws ProxyDeniedException;
}
