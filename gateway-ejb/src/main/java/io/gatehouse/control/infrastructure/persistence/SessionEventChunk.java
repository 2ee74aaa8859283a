package io.gatehouse.control.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * Consecutive recorded events of one session, {@code first} to {@code last}, as one row: the
 * shipper stores a session's events a batch at a time, and one row per batch costs the store (and,
 * on the embedded Derby default, the gateway's own CPU) one index entry and one log record instead
 * of hundreds. The events are {@link EventChunkCodec}'s text in UTF-8, a BLOB (bytea on
 * PostgreSQL): Derby writes a CLOB into its log a character at a time, a BLOB as one array. Chunks
 * of a session never overlap, and together they hold its events 1 to n without gaps.
 */
@Entity
@Table(name = "gh_session_event_chunk")
@IdClass(SessionEventChunk.Key.class)
public class SessionEventChunk {

  @Id
  @Column(name = "session_id", length = 36)
  private String sessionId;

  @Id
  @Column(name = "first_seq")
  private long first;

  @Column(name = "last_seq", nullable = false)
  private long last;

  @Lob
  @Column(name = "events", nullable = false, length = Integer.MAX_VALUE)
  private byte[] events;

  protected SessionEventChunk() {}

  public String sessionId() {
    return sessionId;
  }

  public long first() {
    return first;
  }

  public long last() {
    return last;
  }

  public byte[] events() {
    return events;
  }

  /** The composite key: a session and the number of the chunk's first event. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private String sessionId;
    private long first;

    public Key() {}

    public Key(String sessionId, long first) {
      this.sessionId = sessionId;
      this.first = first;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && first == k.first && Objects.equals(sessionId, k.sessionId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sessionId, first);
    }
  }
}
