package io.gatehouse.connector.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * How a session ended.
 *
 * @param sessionId the session
 * @param endedAt when
 * @param reason {@code client-closed}, {@code terminated}, {@code expired}, {@code idle-timeout},
 *     {@code idle-in-transaction-timeout}, {@code target-error}, …
 * @param statements statements or commands seen
 * @param blocked of which blocked
 * @param masked values masked in results
 */
public record SessionOutcome(
    String sessionId, Instant endedAt, String reason, long statements, long blocked, long masked)
    implements Serializable {

  private static final long serialVersionUID = 1L;
}
