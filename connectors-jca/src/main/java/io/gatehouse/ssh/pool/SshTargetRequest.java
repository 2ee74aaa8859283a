package io.gatehouse.ssh.pool;

import io.gatehouse.ssh.relay.TargetCredential;
import io.gatehouse.ssh.relay.TargetEndpoint;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/**
 * Which target session a gateway session needs. Equality covers exactly what decides whether a
 * pooled session can serve it: the connection, target address, login, pinned host key and the
 * credential version (a rotated credential never reuses a session made with the old one). The
 * secret is carried and compared too (never printed); the client's identity is not part of it (see
 * {@link SshTargetManagedConnection} on isolation).
 */
public final class SshTargetRequest implements ConnectionRequestInfo {

  private final String connection;
  private final TargetEndpoint target;
  private final long credentialVersion;

  public SshTargetRequest(String connection, TargetEndpoint target, long credentialVersion) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.target = Objects.requireNonNull(target, "target");
    this.credentialVersion = credentialVersion;
  }

  public String connection() {
    return connection;
  }

  public TargetEndpoint target() {
    return target;
  }

  public long credentialVersion() {
    return credentialVersion;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof SshTargetRequest that)) {
      return false;
    }
    return connection.equals(that.connection)
        && target.host().equals(that.target.host())
        && target.port() == that.target.port()
        && target.username().equals(that.target.username())
        && target.hostKeyPin().fingerprint().equals(that.target.hostKeyPin().fingerprint())
        && sameCredential(target.credential(), that.target.credential())
        && credentialVersion == that.credentialVersion;
  }

  // Belt and braces beside the version: a session is never reused for another secret.
  private static boolean sameCredential(TargetCredential a, TargetCredential b) {
    if (a instanceof TargetCredential.Password p && b instanceof TargetCredential.Password q) {
      return p.password().equals(q.password());
    }
    if (a instanceof TargetCredential.PrivateKey k && b instanceof TargetCredential.PrivateKey l) {
      return k.keyPair().getPublic().equals(l.keyPair().getPublic());
    }
    return false;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        connection, target.host(), target.port(), target.username(), credentialVersion);
  }

  @Override
  public String toString() {
    return "SshTargetRequest["
        + connection
        + " "
        + target
        + " credential v"
        + credentialVersion
        + "]";
  }
}
