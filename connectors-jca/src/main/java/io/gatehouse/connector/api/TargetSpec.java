package io.gatehouse.connector.api;

import java.io.Serializable;

/**
 * Where a connection leads and how the gateway authenticates there. Holds the decrypted secret in
 * memory only, for the data plane; {@link #toString()} never shows it.
 *
 * @param host target host
 * @param port target port
 * @param database PostgreSQL database; else null
 * @param url HTTP and Kubernetes base URL; else null
 * @param tlsMode {@code disable}, {@code require} or {@code verify-full}
 * @param caPem CA certificate(s) to verify the target with; may be null
 * @param hostKey SSH: the pinned target host key (OpenSSH format); else null
 * @param username login on the target
 * @param secret password, private key or bearer token, as {@code secretKind} says
 * @param secretKind {@code password}, {@code private-key}, {@code bearer-token}, {@code
 *     client-cert}
 * @param credentialVersion changes when the credential is rotated: pooled connections of an older
 *     version are not reused
 */
public record TargetSpec(
    String host,
    int port,
    String database,
    String url,
    String tlsMode,
    String caPem,
    String hostKey,
    String username,
    String secret,
    String secretKind,
    long credentialVersion)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** This target with another database (PostgreSQL {@code dbname=conn/otherdb}). */
  public TargetSpec withDatabase(String otherDatabase) {
    return new TargetSpec(
        host,
        port,
        otherDatabase,
        url,
        tlsMode,
        caPem,
        hostKey,
        username,
        secret,
        secretKind,
        credentialVersion);
  }

  @Override
  public String toString() {
    return "TargetSpec["
        + username
        + "@"
        + host
        + ":"
        + port
        + (database == null ? "" : "/" + database)
        + " tls="
        + tlsMode
        + " credential v"
        + credentialVersion
        + "]";
  }
}
