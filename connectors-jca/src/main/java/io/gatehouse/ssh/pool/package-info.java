/**
 * Pooled, authenticated SSH target sessions (MINA SSHD client sessions) as JCA managed connections:
 * Liberty's connection manager pools them (sizes and timeouts in server.xml, {@code
 * eis/gatehouse/ssh}); a session is matched on its connection, target, login, pinned host key and
 * credential version, leased to one gateway session at a time, stripped of any channel left open
 * when it comes back, and destroyed when broken.
 */
package io.gatehouse.ssh.pool;
