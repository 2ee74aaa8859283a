package io.gatehouse.ssh.relay;

import java.util.Locale;

/**
 * A forward: for a local forward ({@code ssh -L}, {@code ssh -W}, a {@code direct-tcpip} channel)
 * the address the target is to connect to, and where the client says the connection came from; for
 * a remote forward ({@code ssh -R}) the address the target is to listen on (no originator), or, for
 * a connection the target accepted there, that address and the originator the target reported.
 *
 * @param kind {@link #LOCAL} or {@link #REMOTE}
 * @param host the destination host, or the listener's address, as sent
 * @param port the destination or listener's port
 * @param originatorHost the originator's address, as reported, or null for a listen request
 * @param originatorPort the originator's port
 */
public record ForwardRequest(
    String kind, String host, int port, String originatorHost, int originatorPort) {

  public static final String LOCAL = "local";
  public static final String REMOTE = "remote";

  /** Whether this is a remote forward's listen request (not a connection). */
  public boolean isListen() {
    return originatorHost == null;
  }

  /** {@code host:port}, the host in lower case: what a policy's destinations are matched on. */
  public String destination() {
    return host.toLowerCase(Locale.ROOT) + ":" + port;
  }
}
