package io.gatehouse.control.domain.model.identity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An OpenSSH public key that logs its identity in to the SSH listener, with the groups of the
 * access token that registered it (the gateway never invents groups for a key) until it expires.
 */
@Entity
@Table(name = "gh_identity_key")
@NamedQuery(
    name = "IdentityPublicKey.findByFingerprint",
    query = "SELECT k FROM IdentityPublicKey k WHERE k.fingerprint = :fingerprint")
@NamedQuery(
    name = "IdentityPublicKey.findAll",
    query = "SELECT k FROM IdentityPublicKey k ORDER BY k.identity, k.createdAt")
@NamedQuery(
    name = "IdentityPublicKey.fingerprintsOf",
    query = "SELECT k.fingerprint FROM IdentityPublicKey k WHERE k.identity = :identity")
@NamedQuery(
    name = "IdentityPublicKey.findByIdentity",
    query = "SELECT k FROM IdentityPublicKey k WHERE k.identity = :identity ORDER BY k.createdAt")
public class IdentityPublicKey {

  static final Set<String> KEY_TYPES =
      Set.of(
          "ssh-ed25519",
          "ssh-rsa",
          "ecdsa-sha2-nistp256",
          "ecdsa-sha2-nistp384",
          "ecdsa-sha2-nistp521",
          "sk-ssh-ed25519@openssh.com",
          "sk-ecdsa-sha2-nistp256@openssh.com");

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "identity_name", length = 256, nullable = false)
  private String identity;

  @Column(name = "public_key", length = 8192, nullable = false)
  private String publicKey;

  @Column(name = "fingerprint", length = 64, nullable = false, unique = true)
  private String fingerprint;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "gh_identity_key_group", joinColumns = @JoinColumn(name = "key_id"))
  @Column(name = "group_name", length = 256, nullable = false)
  private Set<String> groups = new TreeSet<>();

  // Nullable only so the column can be added to a table made before it; null counts as expired.
  @Column(name = "expires_at")
  private Instant expiresAt;

  protected IdentityPublicKey() {}

  /**
   * @param key the parsed key line
   * @param groups the registering token's groups
   * @param expiresAt when the key (and its groups) stop working
   */
  public IdentityPublicKey(
      String identity, OpenSshPublicKey key, Set<String> groups, Instant now, Instant expiresAt) {
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("identity is required");
    }
    this.id = UUID.randomUUID().toString();
    this.identity = identity;
    this.publicKey =
        Objects.requireNonNull(key, "key").keyText()
            + (key.comment().isEmpty() ? "" : " " + key.comment());
    this.fingerprint = key.fingerprint();
    this.createdAt = Objects.requireNonNull(now, "now");
    renew(groups, expiresAt);
  }

  /** Registered again by its identity: the fresh token's groups, a new expiry. */
  public void renew(Set<String> groups, Instant expiresAt) {
    this.groups = new TreeSet<>(Objects.requireNonNull(groups, "groups"));
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The OpenSSH SHA256 fingerprint ({@code SHA256:} + unpadded base64 of the key blob). */
  public static String fingerprint(String openSshKey) {
    String[] parts = openSshKey.strip().split("\\s+");
    if (parts.length < 2 || !KEY_TYPES.contains(parts[0])) {
      throw new IllegalArgumentException("not an OpenSSH public key ('type base64 [comment]')");
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key's base64 part does not decode", e);
    }
    ByteBuffer buffer = ByteBuffer.wrap(blob);
    if (blob.length < 4 || buffer.getInt() != parts[0].length()) {
      throw new IllegalArgumentException("the key blob does not match its type " + parts[0]);
    }
    byte[] type = new byte[parts[0].length()];
    buffer.get(type);
    if (!parts[0].equals(new String(type, StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("the key blob does not match its type " + parts[0]);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String id() {
    return id;
  }

  public String identity() {
    return identity;
  }

  public String publicKey() {
    return publicKey;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Set<String> groups() {
    return Set.copyOf(groups);
  }

  /** When it stops working; {@link Instant#EPOCH} for a key stored without one. */
  public Instant expiresAt() {
    return expiresAt == null ? Instant.EPOCH : expiresAt;
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt());
  }
}
