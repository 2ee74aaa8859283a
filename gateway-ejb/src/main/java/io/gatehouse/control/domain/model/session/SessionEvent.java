package io.gatehouse.control.domain.model.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded event of a session (a statement and its decision, output, a connect or end),
 * numbered from 1 without gaps, and hash-chained as the data plane recorded it: {@code hash} covers
 * the event's fields and {@code previousHash}, the hash of the event before (docs/RECORDINGS.md).
 * The store keeps the hashes as they came; verification recomputes them.
 */
@Entity
@Table(name = "gh_session_event")
@IdClass(SessionEventKey.class)
@NamedQuery(
    name = "SessionEvent.findBySession",
    query =
        "SELECT e FROM SessionEvent e WHERE e.sessionId = :sessionId AND e.sequence > :after"
            + " ORDER BY e.sequence")
public class SessionEvent {

  @Id
  @Column(name = "session_id", length = 36)
  private String sessionId;

  @Id
  @Column(name = "seq_no")
  private long sequence;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(name = "event_type", length = 32, nullable = false)
  private String type;

  /** The event's details as JSON (already masked: no secret or unmasked value lands here). */
  @Lob
  @Column(name = "payload")
  private String payload;

  @Column(name = "decision", length = 16)
  private String decision;

  @Column(name = "rule_id", length = 63)
  private String ruleId;

  /** Null only for events recorded before recordings were chained. */
  @Column(name = "previous_hash", length = 64)
  private String previousHash;

  @Column(name = "event_hash", length = 64)
  private String hash;

  protected SessionEvent() {}

  public SessionEvent(
      String sessionId,
      long sequence,
      Instant occurredAt,
      String type,
      String payload,
      String decision,
      String ruleId,
      String previousHash,
      String hash) {
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence numbers start at 1");
    }
    this.sequence = sequence;
    this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("event type is required");
    }
    this.type = type;
    this.payload = payload;
    this.decision = decision;
    this.ruleId = ruleId;
    this.previousHash = previousHash;
    this.hash = hash;
  }

  public String sessionId() {
    return sessionId;
  }

  public long sequence() {
    return sequence;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String type() {
    return type;
  }

  public String payload() {
    return payload;
  }

  public String decision() {
    return decision;
  }

  public String ruleId() {
    return ruleId;
  }

  public String previousHash() {
    return previousHash;
  }

  public String hash() {
    return hash;
  }
}
