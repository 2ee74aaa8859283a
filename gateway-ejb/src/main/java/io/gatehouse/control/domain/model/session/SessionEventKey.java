package io.gatehouse.control.domain.model.session;

import java.io.Serializable;
import java.util.Objects;

/** The identity of a session event: its session and its place in the session's sequence. */
public class SessionEventKey implements Serializable {
  private static final long serialVersionUID = 1L;

  private String sessionId;
  private long sequence;

  public SessionEventKey() {}

  public SessionEventKey(String sessionId, long sequence) {
    this.sessionId = sessionId;
    this.sequence = sequence;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionEventKey k
        && sequence == k.sequence
        && Objects.equals(sessionId, k.sessionId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sessionId, sequence);
  }
}
