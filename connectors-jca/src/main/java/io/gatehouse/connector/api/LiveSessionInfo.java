package io.gatehouse.connector.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * A session running on this server's data plane.
 *
 * @param sessionId the session's id
 * @param identity who runs it
 * @param connection the connection it uses
 * @param protocol "postgres", "ssh", "http"
 * @param startedAt when it started
 * @param grantId the grant it runs under, or null for standing access
 */
public record LiveSessionInfo(
    String sessionId,
    String identity,
    String connection,
    String protocol,
    Instant startedAt,
    String grantId)
    implements Serializable {

  private static final long serialVersionUID = 1L;
}
