package io.gatehouse.web.api.connections;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The request body of POST and PUT, for the OpenAPI description (read by ConnectionRequestReader).
 */
@Schema(name = "ConnectionRequest", description = "A connection to register or replace")
public record ConnectionRequest(
    @Schema(required = true, pattern = "[a-z0-9][a-z0-9._-]{0,62}", example = "orders-prod")
        String name,
    @Schema(
            required = true,
            enumeration = {"postgres", "ssh", "http", "kubernetes"})
        String type,
    @Schema(required = true) Target target,
    @Schema(description = "Absent: verify-full against the JVM trust store") Tls tls,
    @Schema(description = "ssh: the target's host key to pin, OpenSSH public key form")
        String hostKey,
    @Schema(required = true) Credential credential,
    @Schema(description = "Groups whose members may use the connection") List<String> accessGroups,
    @Schema(description = "Name of an existing policy") String policy) {

  @Schema(name = "ConnectionTarget")
  public record Target(
      @Schema(description = "postgres, ssh") String host,
      @Schema(minimum = "1", maximum = "65535", description = "default 5432 (postgres), 22 (ssh)")
          Integer port,
      @Schema(description = "postgres") String database,
      @Schema(description = "http, kubernetes: absolute http(s) URL") String url) {}

  @Schema(name = "ConnectionTls")
  public record Tls(
      @Schema(enumeration = {"disable", "require", "verify-full"}) String mode,
      @Schema(description = "PEM CA certificates to trust") String caPem,
      @Schema(description = "Name to verify instead of the host") String serverName) {}

  @Schema(
      name = "CredentialRequest",
      description =
          "The login on the target. Give one secret; on PUT, leave it out to keep the stored"
              + " one. Secrets are write-only.")
  public record Credential(
      @Schema String username,
      @Schema(writeOnly = true) String password,
      @Schema(writeOnly = true) String privateKey,
      @Schema(writeOnly = true) String token,
      @Schema String clientCertificate,
      @Schema(writeOnly = true) String clientKey) {}
}
