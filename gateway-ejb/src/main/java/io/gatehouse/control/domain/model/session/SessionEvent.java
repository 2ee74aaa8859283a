package io.gatehouse.control.domain.model.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded event of a session (a statement and its decision, output, a connect or end),
 * numbered from 1 without gaps, and hash-chained as the data plane recorded it: {@code hash} covers
 * the event's fields and {@code previousHash}, the hash of the event before (docs/RECORDINGS.md).
 * The store keeps the hashes as they came; verification recomputes them. Events are stored in
 * chunks of consecutive events (the persistence layer's business), not one row each.
 */
public final class SessionEvent {

  private final String sessionId;

  private final long sequence;

  private final Instant occurredAt;

  private final String type;

  /** The event's details as JSON (already masked: no secret or unmasked value lands here). */
  private final String payload;

  private final String decision;

  private final String ruleId;

  /** Null only for events recorded before recordings were chained. */
  private final String previousHash;

  private final String hash;

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
