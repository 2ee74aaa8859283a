package io.gatehouse.ssh.relay;

import java.util.Objects;

/**
 * Where and as whom the gateway logs in for a connection.
 *
 * @param host target host name or address
 * @param port target SSH port
 * @param username the login on the target (the connection's, not the client's)
 * @param credential held by the gateway
 * @param hostKeyPin the key the target must present
 */
public record TargetEndpoint(
    String host, int port, String username, TargetCredential credential, HostKeyPin hostKeyPin) {

  public TargetEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(hostKeyPin, "hostKeyPin");
  }

  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return username
        + "@"
        + address()
        + " ("
        + credential
        + ", pin "
        + hostKeyPin.fingerprint()
        + ")";
  }
}
