package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.identity.IdentityPublicKey;
import io.gatehouse.control.domain.model.identity.IdentityPublicKeyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaIdentityPublicKeyRepository implements IdentityPublicKeyRepository {

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Override
  public Optional<IdentityPublicKey> findByFingerprint(String fingerprint) {
    return em.createNamedQuery("IdentityPublicKey.findByFingerprint", IdentityPublicKey.class)
        .setParameter("fingerprint", fingerprint)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<IdentityPublicKey> findByIdentity(String identity) {
    return em.createNamedQuery("IdentityPublicKey.findByIdentity", IdentityPublicKey.class)
        .setParameter("identity", identity)
        .getResultList();
  }

  @Override
  public void store(IdentityPublicKey key) {
    if (!em.contains(key)) {
      em.persist(key);
    }
  }

  @Override
  public void remove(IdentityPublicKey key) {
    em.remove(key);
  }
}
