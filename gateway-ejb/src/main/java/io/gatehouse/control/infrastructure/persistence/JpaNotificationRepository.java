package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.notification.Notification;
import io.gatehouse.control.domain.model.notification.NotificationRepository;
import io.gatehouse.control.domain.model.notification.NotificationStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaNotificationRepository implements NotificationRepository {

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Override
  public void store(Notification notification) {
    if (!em.contains(notification)) {
      em.persist(notification);
    }
  }

  @Override
  public Optional<Notification> find(String id) {
    return Optional.ofNullable(em.find(Notification.class, id));
  }

  @Override
  public List<String> due(Instant now, int limit) {
    // Few rows are ever pending; the time test runs here, not in SQL.
    return em
        .createNamedQuery("Notification.pending", Notification.class)
        .setParameter("pending", NotificationStatus.PENDING)
        .setMaxResults(1000)
        .getResultList()
        .stream()
        .filter(n -> n.claimable(now))
        .limit(limit)
        .map(Notification::id)
        .toList();
  }

  @Override
  public boolean claim(String id, Instant now, Instant until) {
    // The row lock serialises two senders racing for one row; the loser sees the lease.
    Notification n = em.find(Notification.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (n == null || !n.claimable(now)) {
      return false;
    }
    n.claim(until);
    return true;
  }

  @Override
  public List<Notification> recent(int limit) {
    return em.createNamedQuery("Notification.recent", Notification.class)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public List<Notification> bySubject(String subjectId) {
    return em.createNamedQuery("Notification.bySubject", Notification.class)
        .setParameter("subject", subjectId)
        .getResultList();
  }
}
