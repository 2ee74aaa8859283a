package io.gatehouse.connector.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * A caller asking to open a session on a connection.
 *
 * @param protocol the data path the caller came in on
 * @param connection the connection name the caller asked for
 * @param database for PostgreSQL, a database other than the connection's own; else null
 * @param accessToken the OIDC access token presented as password; never logged
 * @param clientAddress the caller's address, for the recording
 * @param clientTls whether the caller's channel is encrypted
 * @param clientUser the user name the client sent (informational; identity comes from the token)
 * @param publicKey instead of a token: the OpenSSH public key ({@code type base64}) the client has
 *     proven it holds (its signature verified by the SSH listener); its registration names the
 *     identity and groups. Null for token logins.
 */
public record AccessRequest(
    Protocol protocol,
    String connection,
    String database,
    String accessToken,
    String clientAddress,
    boolean clientTls,
    String clientUser,
    String publicKey)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public AccessRequest {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(clientAddress, "clientAddress");
  }

  /** A login by access token. */
  public AccessRequest(
      Protocol protocol,
      String connection,
      String database,
      String accessToken,
      String clientAddress,
      boolean clientTls,
      String clientUser) {
    this(protocol, connection, database, accessToken, clientAddress, clientTls, clientUser, null);
  }

  @Override
  public String toString() {
    return "AccessRequest[" + protocol + " " + connection + " from " + clientAddress + "]";
  }
}
