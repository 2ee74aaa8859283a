package io.gatehouse.ssh.relay;

/**
 * A forward: for a local forward ({@code ssh -L}, {@code ssh -W}, a {@code direct-tcpip} channel)
 * the address the target is to connect to, and where the client says the connection came from; for
 * a remote forward ({@code ssh -R}) the address the target is to listen on (no originator), or, for
 * a connection the target accepted there, that address and the originator the target reported.
 *
 * @param kind {@link #LOCAL}, {@link #REMOTE} or {@link #AGENT} (no address: empty, port 0)
 * @param host the destination host, or the listener's address, in canonical form ({@link
 *     ForwardHosts}; empty for a listener on every address)
 * @param port the destination or listener's port
 * @param originatorHost the originator's address, as reported, or null for a listen request
 * @param originatorPort the originator's port
 */
public record ForwardRequest(
    String kind, String host, int port, String originatorHost, int originatorPort) {

  public static final String LOCAL = "local";
  public static final String REMOTE = "remote";
  public static final String AGENT = "agent";

  /**
   * A local forward's request as the client sent it, checked and with its host in canonical form.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static ForwardRequest local(String host, long port, String originatorHost, long originatorPort) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not a TCP port");
    }
    return new ForwardRequest(
        LOCAL,
        ForwardHosts.canonical(host),
        (int) port,
        originator(originatorHost),
        (int) Math.max(0, Math.min(65535, originatorPort)));
  }

  /** An originator as reported: kept for the record, at most 255 characters. */
  static String originator(String host) {
    return host.length() > 255 ? host.substring(0, 255) : host;
  }

  /** Whether this is a remote forward's listen request (not a connection). */
  public boolean isListen() {
    return originatorHost == null;
  }
}
