package io.gatehouse.web.api.connections;

import io.gatehouse.control.domain.model.connection.TlsMode;
import io.gatehouse.control.domain.model.connection.TlsSettings;
import io.gatehouse.policy.JsonFields;
import io.gatehouse.policy.Violation;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code tls}; absent means verify-full against the JVM's trust store. */
final class TlsReader {

  static final Set<String> FIELDS = JsonFields.names("mode", "caPem", "serverName");
  static final int MAX_PEM = 65536;

  private TlsReader() {}

  static Optional<TlsSettings> read(JsonValue value, List<Violation> violations) {
    int before = violations.size();
    JsonFields fields = JsonFields.of(value, "/tls", violations, FIELDS);
    TlsMode mode =
        fields
            .constant(
                "mode",
                TlsMode::fromApiName,
                Arrays.stream(TlsMode.values()).map(TlsMode::apiName).toList())
            .orElse(TlsMode.VERIFY_FULL);
    Optional<String> caPem = fields.string("caPem", MAX_PEM);
    caPem
        .filter(pem -> !pem.contains("-----BEGIN CERTIFICATE-----"))
        .ifPresent(pem -> fields.report("caPem", "must hold PEM certificates"));
    Optional<String> serverName = fields.string("serverName", 253);
    if (mode == TlsMode.DISABLE) {
      caPem.ifPresent(p -> fields.report("caPem", "needs TLS; mode is disable"));
      serverName.ifPresent(p -> fields.report("serverName", "needs TLS; mode is disable"));
    }
    if (violations.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new TlsSettings(mode, caPem.orElse(null), serverName.orElse(null)));
  }
}
