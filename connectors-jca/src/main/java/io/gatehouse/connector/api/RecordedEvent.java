package io.gatehouse.connector.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One event of a session's recording, as spooled by the data plane.
 *
 * @param sessionId the session
 * @param sequence 1, 2, 3 … within the session, without gaps
 * @param at when it happened
 * @param type {@code session-start}, {@code statement}, {@code result}, {@code output}, {@code
 *     input}, {@code file}, {@code session-end}, …
 * @param payloadJson the event's details as JSON (already masked where masking applies)
 * @param decision {@code allow}, {@code block}, {@code review} or null when not a decision
 * @param ruleId the policy rule that decided, or null
 * @param previousHash the {@link #hash} of the event before it in the session (for event 1 the
 *     chain's genesis value, 64 zeros), lowercase hex; null only for events spooled before
 *     recordings were hash-chained
 * @param hash SHA-256 over this event's fields and {@code previousHash}, lowercase hex, computed
 *     when the event was appended to the spool (see {@code io.gatehouse.recording.EventChain})
 */
public record RecordedEvent(
    String sessionId,
    long sequence,
    Instant at,
    String type,
    String payloadJson,
    String decision,
    String ruleId,
    String previousHash,
    String hash)
    implements Serializable {

  private static final long serialVersionUID = 2L;

  public RecordedEvent {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payloadJson, "payloadJson");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence starts at 1");
    }
    if ((previousHash == null) != (hash == null)) {
      throw new IllegalArgumentException("an event is chained with both hashes or with none");
    }
  }
}
