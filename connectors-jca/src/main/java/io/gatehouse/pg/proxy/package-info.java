/**
 * The PostgreSQL data path: the listener's session (startup, TLS, token authentication through the
 * control plane), and the two pumps that relay a session: client to backend with a verdict on every
 * statement, backend to client with masking. Policy, masking and recording arrive through small
 * interfaces, so this package knows the protocol and nothing else.
 */
package io.gatehouse.pg.proxy;
