/**
 * The proxy's SPIs implemented over the control plane: {@link ControlPlaneProxyAccess} admits each
 * request as a session through {@code SessionAdmission}, {@link PolicyProxyPolicy} decides it
 * against the connection's policy (compiled once per version by {@link CompiledProxyPolicy}), and
 * {@link ControlPlaneProxyRecorder} records it before it is forwarded and closes the session after
 * the response. {@link ProxySessions} carries each admitted plan from one to the next.
 */
package io.gatehouse.web.proxy.control;
