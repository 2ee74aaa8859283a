package io.gatehouse.control.domain.model.policy;

import io.gatehouse.control.domain.model.connection.Names;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyParser;
import io.gatehouse.policy.PolicyWriter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/** A policy as stored: its canonical JSON document, which always parses. */
@Entity
@Table(name = "gh_policy")
@NamedQuery(name = "PolicyRecord.findAll", query = "SELECT p FROM PolicyRecord p ORDER BY p.name")
public class PolicyRecord {

  @Id
  @Column(name = "name", length = 63)
  private String name;

  @Lob
  @Column(name = "document", nullable = false)
  private String document;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "row_version")
  private long version;

  protected PolicyRecord() {}

  public PolicyRecord(Policy policy, Instant now) {
    this.name = Names.requireResourceName(policy.name(), "policy name");
    this.createdAt = Objects.requireNonNull(now, "now");
    replace(policy, now);
  }

  /** A new document for the same policy name. */
  public void replace(Policy policy, Instant now) {
    if (!policy.name().equals(name)) {
      throw new IllegalArgumentException("policy " + policy.name() + " cannot replace " + name);
    }
    this.document = PolicyWriter.toJson(policy);
    this.updatedAt = now;
  }

  public String name() {
    return name;
  }

  /** The canonical JSON document. */
  public String document() {
    return document;
  }

  public Policy policy() {
    return PolicyParser.parse(document, name);
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
}
