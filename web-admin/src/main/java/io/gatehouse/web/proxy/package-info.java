/**
 * The HTTP and Kubernetes reverse proxy at {@code /proxy/{connection}/…}. {@link
 * io.gatehouse.web.proxy.ProxyCore} does the work against a container-neutral {@link
 * io.gatehouse.web.proxy.ProxyExchange}; {@link io.gatehouse.web.proxy.ProxyServlet} is the thin
 * servlet over it. The control plane plugs in through two SPIs: {@link
 * io.gatehouse.web.proxy.ProxyAccess} (who is calling, may they use this connection, where does it
 * lead and with which credential) and {@link io.gatehouse.web.proxy.ProxyPolicy} (allow, block, or
 * hold a request, and what to mask in its response).
 */
package io.gatehouse.web.proxy;
