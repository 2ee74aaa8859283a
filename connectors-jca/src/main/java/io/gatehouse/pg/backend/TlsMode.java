package io.gatehouse.pg.backend;

/** TLS to the target, with libpq's sslmode meanings. */
public enum TlsMode {
  /** Plain TCP. */
  DISABLE,
  /** TLS, refusing a target without it, but the certificate is not checked. */
  REQUIRE,
  /** TLS with a certificate chain to the configured CA; any host name. */
  VERIFY_CA,
  /** TLS with a certificate chain to the configured CA, issued for the target host name. */
  VERIFY_FULL;

  public boolean verifiesChain() {
    return this == VERIFY_CA || this == VERIFY_FULL;
  }
}
