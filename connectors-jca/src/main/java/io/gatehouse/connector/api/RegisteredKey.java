package io.gatehouse.connector.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A public key registered to an identity, as the SSH listener may learn it before the client has
 * proven it holds the key: enough to answer "is this key usable", never enough to open a session.
 *
 * @param identity the subject that registered it
 * @param fingerprint its OpenSSH SHA256 fingerprint
 * @param expiresAt when its registration (and the groups stored with it) ends
 */
public record RegisteredKey(String identity, String fingerprint, Instant expiresAt)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public RegisteredKey {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
