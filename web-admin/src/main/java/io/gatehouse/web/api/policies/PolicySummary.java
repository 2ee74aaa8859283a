package io.gatehouse.web.api.policies;

import io.gatehouse.control.application.PolicyView;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A policy in the list: its name and a few facts, not the whole document. */
@Schema(name = "PolicySummary")
public record PolicySummary(
    @Schema String name,
    @Schema String description,
    @Schema(description = "Number of rules") int rules,
    @Schema long version,
    @Schema Instant updatedAt,
    @Schema(description = "Connections that refer to the policy") long usedBy) {

  static PolicySummary of(PolicyView view) {
    return new PolicySummary(
        view.name(),
        view.description(),
        view.ruleCount(),
        view.version(),
        view.updatedAt(),
        view.usedBy());
  }
}
