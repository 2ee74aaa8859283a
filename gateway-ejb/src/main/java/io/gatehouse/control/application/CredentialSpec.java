package io.gatehouse.control.application;

import io.gatehouse.control.domain.model.connection.SecretKind;

/**
 * The credential part of a connection request. The secret is write-only: toString never shows it.
 *
 * @param username the login on the target (may be null for tokens and client certificates)
 * @param kind the kind of secret given, or null when none is given (a replace keeps the old one)
 * @param secret the secret (password, private key, token, client key), or null
 * @param clientCertificatePem the client certificate, with {@link SecretKind#CLIENT_CERTIFICATE}
 */
public record CredentialSpec(
    String username, SecretKind kind, String secret, String clientCertificatePem) {

  public boolean hasSecret() {
    return kind != null && secret != null;
  }

  @Override
  public String toString() {
    return "CredentialSpec[username=" + username + ", kind=" + kind + ", secret=****]";
  }
}
