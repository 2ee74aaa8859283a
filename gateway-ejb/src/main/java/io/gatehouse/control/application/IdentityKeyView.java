package io.gatehouse.control.application;

import java.time.Instant;
import java.util.Set;

/**
 * A public key registered to an identity, as the API shows it.
 *
 * @param fingerprint the OpenSSH SHA256 fingerprint ({@code ssh-keygen -lf})
 * @param publicKey the key line as registered
 * @param groups the registering token's groups, which decide the key's access
 * @param expired whether it has stopped working (register it again with a fresh token)
 */
public record IdentityKeyView(
    String fingerprint,
    String type,
    int bits,
    String publicKey,
    String identity,
    Set<String> groups,
    Instant createdAt,
    Instant expiresAt,
    boolean expired) {}
