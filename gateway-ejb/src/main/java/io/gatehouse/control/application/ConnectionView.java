package io.gatehouse.control.application;

import java.time.Instant;
import java.util.List;

/** A connection as the API shows it: everything but the secret. */
public record ConnectionView(
    String name,
    String type,
    TargetView target,
    TlsView tls,
    String hostKey,
    CredentialView credential,
    List<String> accessGroups,
    String policy,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  /** Coordinates; the fields a type does not use are null. */
  public record TargetView(String host, Integer port, String database, String url) {}

  public record TlsView(String mode, String caPem, String serverName) {}

  /** The login, whether a secret is set, and how many times it changed. Never the secret. */
  public record CredentialView(
      String username, String kind, boolean secretSet, int version, String keyId) {}
}
