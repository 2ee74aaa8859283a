/**
 * The SSH relay: for an authenticated gateway session, a MINA SSHD client session to the target
 * (credential held by the gateway, host key pinned), and channel relays for {@code exec} (after the
 * {@link io.gatehouse.ssh.relay.CommandGuard} approves), {@code shell} with PTY, and the {@code
 * sftp} subsystem. Terminal channels (exec, shell) copy on worker threads through MINA's
 * window-controlled blocking streams with one bounded buffer per direction, where masking and
 * recording wrap the streams; file transfers (sftp, legacy scp) are forwarded on MINA's I/O threads
 * without a thread per direction ({@link io.gatehouse.ssh.relay.TransferRelay}). Either way a leg's
 * window reopens only as its bytes are delivered, so a slow reader throttles a fast writer end to
 * end.
 */
package io.gatehouse.ssh.relay;
