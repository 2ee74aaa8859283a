package io.gatehouse.control.domain.model.connection;

/** What kind of secret a credential holds. */
public enum SecretKind {
  PASSWORD,
  /** An SSH (or TLS client) private key in PEM or OpenSSH form. */
  PRIVATE_KEY,
  BEARER_TOKEN,
  /** A client certificate (stored in clear) with its private key (sealed). */
  CLIENT_CERTIFICATE;

  public String apiName() {
    return switch (this) {
      case PASSWORD -> "password";
      case PRIVATE_KEY -> "privateKey";
      case BEARER_TOKEN -> "token";
      case CLIENT_CERTIFICATE -> "clientKey";
    };
  }
}
