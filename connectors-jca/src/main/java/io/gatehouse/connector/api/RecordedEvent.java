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
 */
public record RecordedEvent(
    String sessionId,
    long sequence,
    Instant at,
    String type,
    String payloadJson,
    String decision,
    String ruleId)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public RecordedEvent {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payloadJson, "payloadJson");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence starts at 1");
    }
  }
}
