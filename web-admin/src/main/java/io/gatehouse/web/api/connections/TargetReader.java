package io.gatehouse.web.api.connections;

import io.gatehouse.control.domain.model.connection.ConnectionType;
import io.gatehouse.control.domain.model.connection.Target;
import io.gatehouse.policy.JsonFields;
import io.gatehouse.policy.Violation;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code target}: which fields apply depends on the connection type. */
final class TargetReader {

  static final Set<String> FIELDS = JsonFields.names("host", "port", "database", "url");

  private TargetReader() {}

  static Optional<Target> read(
      JsonFields parent, Optional<ConnectionType> type, List<Violation> violations) {
    if (!parent.has("target")) {
      parent.report("target", "is required");
      return Optional.empty();
    }
    int before = violations.size();
    JsonFields fields = JsonFields.of(parent.value("target").get(), "/target", violations, FIELDS);
    Optional<String> host = fields.string("host", 253);
    Optional<Integer> port = fields.integer("port", 1, 65535);
    Optional<String> database = fields.string("database", 63);
    Optional<String> url = fields.string("url", 2048);
    if (type.isEmpty() || violations.size() > before) {
      return Optional.empty();
    }
    ConnectionType t = type.get();
    String typeName = t.apiName();
    if (t.hostAddressed()) {
      require(fields, "host", host.filter(h -> !h.isBlank()), typeName);
      forbid(fields, "url", typeName);
      if (t == ConnectionType.POSTGRES) {
        require(fields, "database", database.filter(d -> !d.isBlank()), typeName);
      } else {
        forbid(fields, "database", typeName);
      }
    } else {
      require(fields, "url", url, typeName);
      forbid(fields, "host", typeName);
      forbid(fields, "port", typeName);
      forbid(fields, "database", typeName);
    }
    if (violations.size() > before) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          switch (t) {
            case POSTGRES -> Target.postgres(host.get(), port.orElse(5432), database.get());
            case SSH -> Target.ssh(host.get(), port.orElse(22));
            case HTTP, KUBERNETES -> Target.url(url.get());
          });
    } catch (IllegalArgumentException e) {
      fields.report(t.hostAddressed() ? "host" : "url", e.getMessage());
      return Optional.empty();
    }
  }

  private static void require(
      JsonFields fields, String field, Optional<String> value, String type) {
    if (value.isEmpty()) {
      fields.report(field, "is required for a " + type + " connection");
    }
  }

  private static void forbid(JsonFields fields, String field, String type) {
    if (fields.has(field)) {
      fields.report(field, "is not used by a " + type + " connection");
    }
  }
}
