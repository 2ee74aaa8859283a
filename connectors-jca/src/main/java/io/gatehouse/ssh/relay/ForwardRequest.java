package io.gatehouse.ssh.relay;

import java.util.Locale;

/**
 * A forwarded connection a client asked for: for a local forward ({@code ssh -L}, {@code ssh -W}, a
 * {@code direct-tcpip} channel) the address the target is to connect to, and where the client says
 * the connection came from.
 *
 * @param kind {@code local}
 * @param host the destination host, as the client sent it
 * @param port the destination port
 * @param originatorHost the originator's address, as the client reported it
 * @param originatorPort the originator's port
 */
public record ForwardRequest(
    String kind, String host, int port, String originatorHost, int originatorPort) {

  public static final String LOCAL = "local";

  /** {@code host:port}, the host in lower case: what a policy's destinations are matched on. */
  public String destination() {
    return host.toLowerCase(Locale.ROOT) + ":" + port;
  }
}
