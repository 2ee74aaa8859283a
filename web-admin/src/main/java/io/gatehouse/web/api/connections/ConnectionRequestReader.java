package io.gatehouse.web.api.connections;

import io.gatehouse.control.application.ConnectionSpec;
import io.gatehouse.control.application.CredentialSpec;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.domain.model.connection.ConnectionSettings;
import io.gatehouse.control.domain.model.connection.ConnectionType;
import io.gatehouse.control.domain.model.connection.Names;
import io.gatehouse.control.domain.model.connection.TlsSettings;
import io.gatehouse.control.domain.model.identity.IdentityPublicKey;
import io.gatehouse.policy.JsonFields;
import io.gatehouse.policy.Violation;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a connection request body and checks all of it, so a bad request is answered with every
 * field at fault at once ({@code /target/port: must be 1-65535}). Public because the admin app's
 * connection form is checked by exactly the same rules: it builds the same JSON and reads it here.
 */
public final class ConnectionRequestReader {

  static final Set<String> FIELDS =
      JsonFields.names(
          "name", "type", "target", "tls", "hostKey", "credential", "accessGroups", "policy");

  private ConnectionRequestReader() {}

  /**
   * @throws InvalidRequestException listing every problem
   */
  public static ConnectionSpec read(JsonValue body) {
    List<Violation> violations = new ArrayList<>();
    JsonFields fields = JsonFields.of(body, "", violations, FIELDS);
    Optional<String> name =
        fields.requiredString("name", Names.RESOURCE_NAME, Names.RESOURCE_NAME_SHAPE);
    if (!fields.has("type")) {
      fields.report("type", "is required");
    }
    Optional<ConnectionType> type =
        fields.constant(
            "type",
            ConnectionType::fromApiName,
            Arrays.stream(ConnectionType.values()).map(ConnectionType::apiName).toList());
    Optional<io.gatehouse.control.domain.model.connection.Target> target =
        TargetReader.read(fields, type, violations);
    TlsSettings tls =
        fields
            .value("tls")
            .flatMap(v -> TlsReader.read(v, violations))
            .orElse(TlsSettings.verifyFull());
    Optional<String> hostKey = fields.string("hostKey", 8192);
    hostKey.ifPresent(key -> checkHostKey(fields, key, type));
    Optional<CredentialSpec> credential = CredentialReader.read(fields, violations);
    List<String> groups =
        fields
            .list("accessGroups", true, (v, p, out) -> nonBlankGroup(v, p, out))
            .orElse(List.of());
    Optional<String> policy =
        fields.string("policy", Names.RESOURCE_NAME, Names.RESOURCE_NAME_SHAPE);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException("The connection request is not valid", violations);
    }
    try {
      ConnectionSettings settings =
          new ConnectionSettings(
              type.orElseThrow(),
              target.orElseThrow(),
              tls,
              hostKey.orElse(null),
              Set.copyOf(groups),
              policy.orElse(null));
      return new ConnectionSpec(name.orElseThrow(), settings, credential.orElseThrow());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("The connection request is not valid", "", e.getMessage());
    }
  }

  private static void checkHostKey(JsonFields fields, String key, Optional<ConnectionType> type) {
    if (type.isPresent() && type.get() != ConnectionType.SSH) {
      fields.report("hostKey", "only an ssh connection pins a host key");
      return;
    }
    try {
      IdentityPublicKey.fingerprint(key);
    } catch (IllegalArgumentException e) {
      fields.report("hostKey", e.getMessage());
    }
  }

  private static Optional<String> nonBlankGroup(
      JsonValue value, String pointer, List<Violation> out) {
    if (value instanceof jakarta.json.JsonString s
        && !s.getString().isBlank()
        && s.getString().length() <= 256) {
      return Optional.of(s.getString());
    }
    out.add(new Violation(pointer, "must be a group name of 1-256 characters"));
    return Optional.empty();
  }
}
