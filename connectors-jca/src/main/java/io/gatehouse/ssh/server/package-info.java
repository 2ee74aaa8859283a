/**
 * The gateway's SSH listener: an Apache MINA SSHD server with a persistent host key, modern
 * algorithms only, authentication through the {@link io.gatehouse.ssh.server.GatewayAuthenticator}
 * SPI with per-source rate limiting of failures, and forwarding refused unless a session is granted
 * it. What a session may run is supplied as {@link io.gatehouse.ssh.server.SessionHandlers} (the
 * relay, in production).
 */
package io.gatehouse.ssh.server;
