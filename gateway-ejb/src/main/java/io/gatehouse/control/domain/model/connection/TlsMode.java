package io.gatehouse.control.domain.model.connection;

import java.util.Locale;
import java.util.Optional;

/** How the gateway protects its own connection to the target. */
public enum TlsMode {
  DISABLE,
  /** Encrypted, the certificate not checked. */
  REQUIRE,
  /** Encrypted, the certificate chain and the host name checked. */
  VERIFY_FULL;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<TlsMode> fromApiName(String name) {
    for (TlsMode mode : values()) {
      if (mode.apiName().equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
