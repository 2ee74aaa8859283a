package io.gatehouse.control.application.internal;

import io.gatehouse.control.domain.model.identity.IdentityPublicKey;
import io.gatehouse.control.domain.model.identity.IdentityPublicKeyRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The first step of a key registration, in a transaction of its own: store the key as new, or learn
 * that its fingerprint is taken. Simultaneous first registrations of one key must give one 201 and
 * renewals or 409s, never a deadlock: so nothing is read here before the insert but the caller's
 * own fingerprints (to count them and to spot a renewal), and a losing insert is told apart by the
 * unique constraint rather than by a lookup. On Derby (repeatable read) that read waits for any
 * registration in flight and then sees it; on PostgreSQL the loser's insert waits for the winner's
 * commit and then violates the constraint. Either way the loser commits nothing and the caller
 * renews or refuses under a row lock, in its own transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class KeyClaims {

  /** What became of a claim. */
  enum Claim {
    /** Stored: the key is the caller's, new. */
    CREATED,
    /** Already stored, by the caller or another identity (nothing written). */
    TAKEN,
    /** The caller has the most keys allowed (nothing written). */
    TOO_MANY
  }

  /** Keys one identity may have registered at once. */
  static final int MAX_KEYS_PER_IDENTITY = 20;

  @Inject IdentityPublicKeyRepository keys;

  /**
   * Stores {@code key} if its fingerprint is not stored yet. PostgreSQL does not lock what it
   * reads, so two different new keys of one identity registered at the same instant may both pass
   * the count: the limit can be exceeded by such a race, never a key stored twice.
   */
  public Claim claim(IdentityPublicKey key) {
    var own = keys.fingerprintsOf(key.identity());
    if (own.contains(key.fingerprint())) {
      return Claim.TAKEN;
    }
    if (own.size() >= MAX_KEYS_PER_IDENTITY) {
      return Claim.TOO_MANY;
    }
    return keys.insertIfAbsent(key) ? Claim.CREATED : Claim.TAKEN;
  }
}
