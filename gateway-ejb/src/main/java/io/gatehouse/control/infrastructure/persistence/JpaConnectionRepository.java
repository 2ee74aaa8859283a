package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaConnectionRepository implements ConnectionRepository {

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Override
  public Optional<Connection> find(String name) {
    return em.createNamedQuery("Connection.findByName", Connection.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Connection> findAll() {
    return em.createNamedQuery("Connection.findAll", Connection.class).getResultList();
  }

  @Override
  public long countUsingPolicy(String policyName) {
    return em.createNamedQuery("Connection.countByPolicy", Long.class)
        .setParameter("policy", policyName)
        .getSingleResult();
  }

  @Override
  public List<Connection> findSealedWithOtherKey(String keyId) {
    return em.createNamedQuery("Connection.findSealedWithOtherKey", Connection.class)
        .setParameter("keyId", keyId)
        .getResultList();
  }

  @Override
  public void store(Connection connection) {
    if (!em.contains(connection)) {
      em.persist(connection);
    }
    em.flush();
  }

  @Override
  public void remove(Connection connection) {
    em.remove(connection);
  }
}
