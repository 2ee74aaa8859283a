package io.gatehouse.control.domain.model.identity;

import java.util.List;
import java.util.Optional;

/** Where identities' public keys are kept. */
public interface IdentityPublicKeyRepository {

  Optional<IdentityPublicKey> findByFingerprint(String fingerprint);

  List<IdentityPublicKey> findByIdentity(String identity);

  void store(IdentityPublicKey key);

  void remove(IdentityPublicKey key);
}
