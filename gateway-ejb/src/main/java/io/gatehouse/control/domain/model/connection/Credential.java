package io.gatehouse.control.domain.model.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.util.Objects;
import java.util.UUID;

/**
 * The login the gateway uses on a connection's target. The secret is sealed before it reaches this
 * entity and is never exposed by it; {@link #version()} counts secret changes.
 */
@Entity
@Table(name = "gh_credential")
public class Credential {

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "username", length = 256)
  private String username;

  @Enumerated(EnumType.STRING)
  @Column(name = "secret_kind", length = 32, nullable = false)
  private SecretKind kind;

  @Embedded private SealedSecret secret;

  @Lob
  @Column(name = "client_cert_pem")
  private String clientCertificatePem;

  @Column(name = "credential_version", nullable = false)
  private int version;

  protected Credential() {}

  public Credential(String username, SecretKind kind, SealedSecret secret, String clientCertPem) {
    this.id = UUID.randomUUID().toString();
    this.username = username;
    this.version = 1;
    set(kind, secret, clientCertPem);
    if (username == null && (kind == SecretKind.PASSWORD || kind == SecretKind.PRIVATE_KEY)) {
      throw new IllegalArgumentException("a " + kind + " credential needs a username");
    }
  }

  /** A new secret (or a new kind of secret); the version goes up. */
  public void replaceSecret(SecretKind kind, SealedSecret secret, String clientCertPem) {
    set(kind, secret, clientCertPem);
    version++;
  }

  /** The same secret sealed again under another key: not a new version. */
  public void reseal(SealedSecret resealed) {
    this.secret = Objects.requireNonNull(resealed, "secret");
  }

  public void rename(String username) {
    this.username = username;
  }

  private void set(SecretKind kind, SealedSecret secret, String clientCertPem) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.secret = Objects.requireNonNull(secret, "secret");
    if ((kind == SecretKind.CLIENT_CERTIFICATE) != (clientCertPem != null)) {
      throw new IllegalArgumentException("a client certificate goes with a client key only");
    }
    this.clientCertificatePem = clientCertPem;
  }

  public String username() {
    return username;
  }

  public SecretKind kind() {
    return kind;
  }

  public SealedSecret secret() {
    return secret;
  }

  public String clientCertificatePem() {
    return clientCertificatePem;
  }

  public int version() {
    return version;
  }

  @Override
  public String toString() {
    return "Credential[username=" + username + ", kind=" + kind + ", version=" + version + "]";
  }
}
