/**
 * The SSH relay: for an authenticated gateway session, a MINA SSHD client session to the target
 * (credential held by the gateway, host key pinned), and channel relays for {@code exec} (after the
 * {@link io.gatehouse.ssh.relay.CommandGuard} approves), {@code shell} with PTY, and the {@code
 * sftp} subsystem. Relays copy on worker threads through MINA's window-controlled blocking streams
 * with one bounded buffer per direction, so a slow reader throttles a fast writer end to end.
 */
package io.gatehouse.ssh.relay;
