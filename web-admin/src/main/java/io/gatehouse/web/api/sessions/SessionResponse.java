package io.gatehouse.web.api.sessions;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of a session in responses, for the OpenAPI description. */
@Schema(name = "Session")
public record SessionResponse(
    @Schema String id,
    @Schema String identity,
    @Schema List<String> groups,
    @Schema String connection,
    @Schema(enumeration = {"postgres", "ssh", "http", "kubernetes"}) String protocol,
    @Schema String clientAddress,
    @Schema(
            description =
                "The fingerprint of the registered SSH public key that logged the session in;"
                    + " null for an access token")
        String keyFingerprint,
    @Schema Instant startedAt,
    @Schema Instant endedAt,
    @Schema(enumeration = {"active", "closed", "terminated", "failed"}) String status,
    @Schema String endReason,
    @Schema long statements,
    @Schema long blocked,
    @Schema long reviewed,
    @Schema(
            description =
                "The control plane's signature over the recording, null until the session has"
                    + " ended and its last event is stored",
            implementation = io.gatehouse.control.application.SealView.class)
        Object seal) {}
