package io.gatehouse.control.domain.model.identity;

import java.util.List;
import java.util.Optional;

/** Where identities' public keys are kept. */
public interface IdentityPublicKeyRepository {

  Optional<IdentityPublicKey> findByFingerprint(String fingerprint);

  /** The key, its row locked until the transaction ends (to renew or delete it). */
  Optional<IdentityPublicKey> findByFingerprintForUpdate(String fingerprint);

  /** The fingerprints of an identity's keys, without loading the keys. */
  List<String> fingerprintsOf(String identity);

  /**
   * Inserts a key not stored before, at once (not at commit).
   *
   * @return false when its fingerprint is already stored (the unique constraint refused it; the
   *     caller's transaction can then only roll back)
   */
  boolean insertIfAbsent(IdentityPublicKey key);

  List<IdentityPublicKey> findByIdentity(String identity);

  /** Every stored key, by identity, then oldest first. */
  List<IdentityPublicKey> findAll();

  void store(IdentityPublicKey key);

  void remove(IdentityPublicKey key);
}
