package io.gatehouse.web.api.policies;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The policy document's shape, for the OpenAPI description; docs/POLICY.md is the reference. */
@Schema(
    name = "Policy",
    description =
        "A policy document (docs/POLICY.md). Unknown fields are errors, so a typo cannot"
            + " silently disable a rule.")
public record PolicyDocument(
    @Schema(required = true, pattern = "[a-z0-9][a-z0-9._-]{0,62}") String name,
    @Schema(maxLength = 1000) String description,
    @Schema(
            enumeration = {"strict", "best-effort"},
            defaultValue = "strict")
        String recording,
    @Schema(defaultValue = "false") boolean requireTls,
    @Schema(
            enumeration = {"allow", "block", "review"},
            defaultValue = "allow")
        String defaultAction,
    @Schema List<Rule> rules,
    @Schema Masking masking,
    @Schema Review review) {

  @Schema(name = "PolicyRule")
  public record Rule(
      @Schema(required = true) String id,
      @Schema String description,
      @Schema(
              required = true,
              enumeration = {"allow", "block", "review"})
          String action,
      @Schema(
              required = true,
              description = "One or more of sql, command, http, kubernetes (see docs/POLICY.md)")
          Map<String, Object> when,
      @Schema List<String> groups,
      @Schema List<String> exceptGroups,
      @Schema(maxLength = 500) String message) {}

  @Schema(name = "PolicyMasking")
  public record Masking(@Schema List<String> exemptGroups, @Schema List<MaskingRule> rules) {}

  @Schema(name = "PolicyMaskingRule")
  public record MaskingRule(
      @Schema String id,
      @Schema List<String> columns,
      @Schema(
              enumeration = {
                "payment-card",
                "email",
                "phone",
                "us-ssn",
                "iban",
                "uk-nino",
                "aws-access-key",
                "private-key",
                "jwt",
                "generic-secret"
              })
          String detector,
      @Schema(enumeration = {"redact", "partial", "hash"}) String strategy) {}

  @Schema(name = "PolicyReview")
  public record Review(
      @Schema List<String> approverGroups,
      @Schema(minimum = "1", maximum = "5") int minApprovals,
      @Schema(minimum = "1", maximum = "3600") int timeoutSeconds,
      @Schema(minimum = "0", maximum = "86400") int approvalWindowSeconds) {}
}
