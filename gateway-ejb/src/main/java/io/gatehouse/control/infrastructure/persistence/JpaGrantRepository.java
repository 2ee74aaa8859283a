package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.grant.Grant;
import io.gatehouse.control.domain.model.grant.GrantRepository;
import io.gatehouse.control.domain.model.grant.GrantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaGrantRepository implements GrantRepository {

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Override
  public Optional<Grant> find(String id) {
    return Optional.ofNullable(em.find(Grant.class, id));
  }

  @Override
  public List<Grant> findActiveFor(String identity, String connection) {
    return em.createNamedQuery("Grant.findActiveFor", Grant.class)
        .setParameter("identity", identity)
        .setParameter("connection", connection)
        .setParameter("status", GrantStatus.ACTIVE)
        .getResultList();
  }

  @Override
  public List<Grant> findByStatus(GrantStatus status) {
    return em.createNamedQuery("Grant.findByStatus", Grant.class)
        .setParameter("status", status)
        .getResultList();
  }

  @Override
  public List<Grant> findAll() {
    return em.createNamedQuery("Grant.findAll", Grant.class).setMaxResults(1000).getResultList();
  }

  @Override
  public List<Grant> findByIdentity(String identity) {
    return em.createNamedQuery("Grant.findByIdentity", Grant.class)
        .setParameter("identity", identity)
        .setMaxResults(1000)
        .getResultList();
  }

  @Override
  public void store(Grant grant) {
    if (!em.contains(grant)) {
      em.persist(grant);
    }
  }
}
