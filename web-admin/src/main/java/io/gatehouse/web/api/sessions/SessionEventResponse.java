package io.gatehouse.web.api.sessions;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of a session event in responses, for the OpenAPI description. */
@Schema(name = "SessionEvent")
public record SessionEventResponse(
    @Schema long sequence,
    @Schema Instant occurredAt,
    @Schema String type,
    @Schema(enumeration = {"allow", "block", "review"}) String decision,
    @Schema String ruleId,
    @Schema(description = "The event's details, a JSON document as text") String payload,
    @Schema(
            description =
                "Hash of the event before it (64 zeros for event 1), lowercase hex; null for events"
                    + " recorded before chaining")
        String previousHash,
    @Schema(description = "SHA-256 chain hash of this event (gatehouse-chain-v1), lowercase hex")
        String hash) {}
