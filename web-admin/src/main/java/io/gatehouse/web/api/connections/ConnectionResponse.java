package io.gatehouse.web.api.connections;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shape of a connection in responses, for the OpenAPI description. */
@Schema(name = "Connection", description = "A registered connection; never carries the secret")
public record ConnectionResponse(
    @Schema String name,
    @Schema(enumeration = {"postgres", "ssh", "http", "kubernetes"}) String type,
    @Schema ConnectionRequest.Target target,
    @Schema ConnectionRequest.Tls tls,
    @Schema String hostKey,
    @Schema Credential credential,
    @Schema List<String> accessGroups,
    @Schema String policy,
    @Schema Instant createdAt,
    @Schema Instant updatedAt,
    @Schema long version) {

  @Schema(name = "CredentialSummary")
  public record Credential(
      @Schema String username,
      @Schema(enumeration = {"password", "private-key", "token", "client-certificate"}) String kind,
      @Schema(description = "Whether a secret is stored (it is never returned)") boolean secretSet,
      @Schema(description = "Counts secret changes") int version,
      @Schema(description = "Id of the master key the secret is sealed with") String keyId) {}
}
