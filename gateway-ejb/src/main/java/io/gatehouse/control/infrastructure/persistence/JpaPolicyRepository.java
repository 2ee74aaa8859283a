package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.policy.PolicyRecord;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaPolicyRepository implements PolicyRepository {

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Override
  public Optional<PolicyRecord> find(String name) {
    return Optional.ofNullable(em.find(PolicyRecord.class, name));
  }

  @Override
  public List<PolicyRecord> findAll() {
    return em.createNamedQuery("PolicyRecord.findAll", PolicyRecord.class).getResultList();
  }

  @Override
  public void store(PolicyRecord policy) {
    if (!em.contains(policy)) {
      em.persist(policy);
    }
    em.flush();
  }

  @Override
  public void remove(PolicyRecord policy) {
    em.remove(policy);
  }
}
