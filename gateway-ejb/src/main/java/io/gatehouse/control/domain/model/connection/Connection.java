package io.gatehouse.control.domain.model.connection;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/** A registered target that identities reach through the gateway, by name. */
@Entity
@Table(name = "gh_connection")
@NamedQuery(name = "Connection.findAll", query = "SELECT c FROM Connection c ORDER BY c.name")
@NamedQuery(
    name = "Connection.findByName",
    query = "SELECT c FROM Connection c WHERE c.name = :name")
@NamedQuery(
    name = "Connection.countByPolicy",
    query = "SELECT COUNT(c) FROM Connection c WHERE c.policyName = :policy")
@NamedQuery(
    name = "Connection.findSealedWithOtherKey",
    query = "SELECT c FROM Connection c WHERE c.credential.secret.keyId <> :keyId")
public class Connection {

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "name", length = 63, nullable = false, unique = true)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(name = "conn_type", length = 16, nullable = false)
  private ConnectionType type;

  @Embedded private Target target;

  @Embedded private TlsSettings tls;

  /** SSH: the target's host key, pinned (OpenSSH public key form). */
  @Column(name = "host_key", length = 4096)
  private String hostKey;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "gh_connection_group", joinColumns = @JoinColumn(name = "connection_id"))
  @Column(name = "group_name", length = 256, nullable = false)
  private Set<String> accessGroups = new TreeSet<>();

  @OneToOne(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
  @JoinColumn(name = "credential_id", nullable = false)
  private Credential credential;

  @Column(name = "policy_name", length = 63)
  private String policyName;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "row_version")
  private long version;

  protected Connection() {}

  public Connection(String name, ConnectionSettings settings, Credential credential, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.name = Names.requireResourceName(name, "connection name");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.createdAt = Objects.requireNonNull(now, "now");
    reconfigure(settings, now);
  }

  /** Replaces everything but the name and the credential. */
  public void reconfigure(ConnectionSettings settings, Instant now) {
    this.type = settings.type();
    this.target = settings.target();
    this.tls = settings.tls();
    this.hostKey = settings.hostKey();
    this.accessGroups = new TreeSet<>(settings.accessGroups());
    this.policyName = settings.policyName();
    this.updatedAt = now;
  }

  /** Marks a change of the credential (held in its own entity) as a change of the connection. */
  public void touch(Instant now) {
    this.updatedAt = now;
  }

  public boolean grantsAccessTo(Collection<String> groups) {
    return groups.stream().anyMatch(accessGroups::contains);
  }

  public String name() {
    return name;
  }

  public ConnectionSettings settings() {
    return new ConnectionSettings(type, target, tls, hostKey, accessGroups, policyName);
  }

  public ConnectionType type() {
    return type;
  }

  public SortedSet<String> accessGroups() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(accessGroups));
  }

  public String policyName() {
    return policyName;
  }

  public Credential credential() {
    return credential;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public long version() {
    return version;
  }

  @Override
  public String toString() {
    return "Connection[" + name + ", " + type + " " + target + "]";
  }
}
