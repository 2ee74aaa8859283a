package io.gatehouse.pg.pool;

import io.gatehouse.connector.api.TargetSpec;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/**
 * Which backend a session needs. Equality covers exactly what decides whether a pooled connection
 * can serve it: the target, the login and the credential version (a rotated credential never reuses
 * a connection made with the old one). The secret is carried, not compared.
 */
public final class PgBackendRequest implements ConnectionRequestInfo {

  private final String connection;
  private final TargetSpec target;

  public PgBackendRequest(String connection, TargetSpec target) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.target = Objects.requireNonNull(target, "target");
  }

  public String connection() {
    return connection;
  }

  public TargetSpec target() {
    return target;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof PgBackendRequest that)) {
      return false;
    }
    return connection.equals(that.connection)
        && target.host().equals(that.target.host())
        && target.port() == that.target.port()
        && Objects.equals(target.database(), that.target.database())
        && Objects.equals(target.username(), that.target.username())
        && Objects.equals(target.tlsMode(), that.target.tlsMode())
        && Objects.equals(target.caPem(), that.target.caPem())
        && target.credentialVersion() == that.target.credentialVersion();
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        connection,
        target.host(),
        target.port(),
        target.database(),
        target.username(),
        target.credentialVersion());
  }

  @Override
  public String toString() {
    return "PgBackendRequest[" + connection + " " + target + "]";
  }
}
