package io.gatehouse.control.domain.model.connection;

import java.util.Locale;
import java.util.Optional;

/** Which data path serves a connection. */
public enum ConnectionType {
  POSTGRES,
  SSH,
  HTTP,
  KUBERNETES;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ConnectionType> fromApiName(String name) {
    for (ConnectionType type : values()) {
      if (type.apiName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Whether the target is addressed by host and port (else by URL). */
  public boolean hostAddressed() {
    return this == POSTGRES || this == SSH;
  }
}
