package io.gatehouse.web.api.sessions;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of a session in responses, for the OpenAPI description. */
@Schema(name = "Session")
public record SessionResponse(
    String id,
    String identity,
    List<String> groups,
    String connection,
    @Schema(enumeration = {"postgres", "ssh", "http", "kubernetes"}) String protocol,
    String clientAddress,
    Instant startedAt,
    Instant endedAt,
    @Schema(enumeration = {"active", "closed", "terminated", "failed"}) String status,
    String endReason,
    long statements,
    long blocked,
    long reviewed) {}
