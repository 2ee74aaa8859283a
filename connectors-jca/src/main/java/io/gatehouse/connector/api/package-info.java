/**
 * The data plane's public API, which the control plane and the web module compile against:
 * connection factory and connection interfaces, the inbound listener interface that message-driven
 * beans implement, and the session plan handed from control to data plane.
 */
package io.gatehouse.connector.api;
