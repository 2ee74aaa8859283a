package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.identity.IdentityPublicKey;
import io.gatehouse.control.domain.model.identity.IdentityPublicKeyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
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
  public Optional<IdentityPublicKey> findByFingerprintForUpdate(String fingerprint) {
    return em.createNamedQuery("IdentityPublicKey.findByFingerprint", IdentityPublicKey.class)
        .setParameter("fingerprint", fingerprint)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<String> fingerprintsOf(String identity) {
    return em.createNamedQuery("IdentityPublicKey.fingerprintsOf", String.class)
        .setParameter("identity", identity)
        .getResultList();
  }

  @Override
  public boolean insertIfAbsent(IdentityPublicKey key) {
    try {
      em.persist(key);
      em.flush();
      return true;
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  /** SQLState 23505 on both stores (Derby and PostgreSQL): a unique constraint refused a row. */
  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<IdentityPublicKey> findByIdentity(String identity) {
    return em.createNamedQuery("IdentityPublicKey.findByIdentity", IdentityPublicKey.class)
        .setParameter("identity", identity)
        .getResultList();
  }

  @Override
  public List<IdentityPublicKey> findAll() {
    return em.createNamedQuery("IdentityPublicKey.findAll", IdentityPublicKey.class)
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
