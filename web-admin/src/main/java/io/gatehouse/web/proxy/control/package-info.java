/**
 * The proxy's SPIs implemented over the control plane: {@link ControlPlaneProxyAccess} admits
 * requests as sessions through {@code SessionAdmission}, {@link ProxySessions} groups the requests
 * of one token on one connection into a session while they keep coming (and closes it when idle),
 * {@link PolicyProxyPolicy} decides each against the connection's policy (compiled once per version
 * by {@link CompiledProxyPolicy}), {@link ControlPlaneProxyReviews} holds reviewed ones through the
 * control plane's review service, and {@link ControlPlaneProxyRecorder} records them before they
 * are forwarded (and exec/attach streams as terminal sessions).
 */
package io.gatehouse.web.proxy.control;
