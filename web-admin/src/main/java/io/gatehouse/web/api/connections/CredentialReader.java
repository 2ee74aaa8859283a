package io.gatehouse.web.api.connections;

import io.gatehouse.control.application.CredentialSpec;
import io.gatehouse.control.domain.model.connection.SecretKind;
import io.gatehouse.policy.JsonFields;
import io.gatehouse.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code credential}: a username and at most one kind of secret. The secret is write-only:
 * messages name the field at fault, never its value.
 */
final class CredentialReader {

  static final Set<String> FIELDS =
      JsonFields.names(
          "username", "password", "privateKey", "token", "clientCertificate", "clientKey");
  static final int MAX_SECRET = 65536;

  private CredentialReader() {}

  static Optional<CredentialSpec> read(JsonFields parent, List<Violation> violations) {
    if (!parent.has("credential")) {
      parent.report("credential", "is required");
      return Optional.empty();
    }
    int before = violations.size();
    JsonFields fields =
        JsonFields.of(parent.value("credential").get(), "/credential", violations, FIELDS);
    Optional<String> username = fields.string("username", 256);
    username.filter(String::isBlank).ifPresent(u -> fields.report("username", "must not be blank"));
    List<SecretKind> kinds = new ArrayList<>();
    Optional<String> password = secret(fields, "password", SecretKind.PASSWORD, kinds);
    Optional<String> privateKey = secret(fields, "privateKey", SecretKind.PRIVATE_KEY, kinds);
    Optional<String> token = secret(fields, "token", SecretKind.BEARER_TOKEN, kinds);
    Optional<String> clientKey = secret(fields, "clientKey", SecretKind.CLIENT_CERTIFICATE, kinds);
    Optional<String> clientCert = fields.string("clientCertificate", MAX_SECRET);
    if (clientKey.isPresent() != clientCert.isPresent()) {
      fields.report(
          clientKey.isPresent() ? "clientCertificate" : "clientKey",
          "clientCertificate and clientKey go together");
    }
    clientCert
        .filter(pem -> !pem.contains("-----BEGIN CERTIFICATE-----"))
        .ifPresent(pem -> fields.report("clientCertificate", "must be a PEM certificate"));
    if (kinds.size() > 1) {
      violations.add(
          new Violation(
              "/credential", "give one secret: password, privateKey, token or clientKey"));
    }
    boolean needsUsername =
        kinds.contains(SecretKind.PASSWORD) || kinds.contains(SecretKind.PRIVATE_KEY);
    if (needsUsername && username.isEmpty()) {
      fields.report("username", "is required with a password or private key");
    }
    if (violations.size() > before) {
      return Optional.empty();
    }
    SecretKind kind = kinds.isEmpty() ? null : kinds.get(0);
    String secret = password.or(() -> privateKey).or(() -> token).or(() -> clientKey).orElse(null);
    return Optional.of(
        new CredentialSpec(username.orElse(null), kind, secret, clientCert.orElse(null)));
  }

  private static Optional<String> secret(
      JsonFields fields, String field, SecretKind kind, List<SecretKind> kinds) {
    Optional<String> value = fields.string(field, MAX_SECRET);
    value.ifPresent(
        v -> {
          if (v.isEmpty()) {
            fields.report(field, "must not be empty");
          } else {
            kinds.add(kind);
          }
        });
    return value.filter(v -> !v.isEmpty());
  }
}
