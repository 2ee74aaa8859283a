/**
 * Connecting the gateway to a target PostgreSQL as its client: {@link
 * io.gatehouse.pg.backend.BackendConnector} opens the socket, negotiates TLS ({@link
 * io.gatehouse.pg.backend.TlsMode}), sends the StartupMessage and answers whatever authentication
 * the target asks for (SCRAM-SHA-256 with server verification and, over TLS, channel binding; MD5;
 * cleartext only over TLS unless permitted; trust), then hands back an idle {@link
 * io.gatehouse.pg.backend.BackendConnection}. Failures are typed: {@link
 * io.gatehouse.pg.backend.BackendUnavailableException} (target down), {@link
 * io.gatehouse.pg.backend.BackendTlsException}, {@link
 * io.gatehouse.pg.backend.BackendAuthenticationException}, {@link
 * io.gatehouse.pg.backend.BackendRejectedException}. Credentials never appear in messages or logs.
 */
package io.gatehouse.pg.backend;
