package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.SessionEventKey;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

@ApplicationScoped
public class JpaSessionRepository implements SessionRepository {

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Resource(lookup = "jdbc/gatehouse")
  DataSource store;

  @Override
  public Optional<GatewaySession> find(String id) {
    return Optional.ofNullable(em.find(GatewaySession.class, id));
  }

  // Built per call: Derby refuses "? IS NULL", so optional filters cannot sit in a named query.
  @Override
  public List<GatewaySession> search(
      String identity, String connection, SessionStatus status, int offset, int limit) {
    List<String> where = new ArrayList<>();
    if (identity != null) {
      where.add("s.identity = :identity");
    }
    if (connection != null) {
      where.add("s.connectionName = :connection");
    }
    if (status != null) {
      where.add("s.status = :status");
    }
    String jpql =
        "SELECT s FROM GatewaySession s"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY s.startedAt DESC";
    TypedQuery<GatewaySession> query = em.createQuery(jpql, GatewaySession.class);
    if (identity != null) {
      query.setParameter("identity", identity);
    }
    if (connection != null) {
      query.setParameter("connection", connection);
    }
    if (status != null) {
      query.setParameter("status", status);
    }
    return query.setFirstResult(offset).setMaxResults(limit).getResultList();
  }

  @Override
  public List<GatewaySession> activeByKey(String fingerprint) {
    return em.createNamedQuery("GatewaySession.findActiveByKey", GatewaySession.class)
        .setParameter("fingerprint", fingerprint)
        .setParameter("status", SessionStatus.ACTIVE)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  @Override
  public List<SessionEvent> events(String sessionId, long after, int limit) {
    return em.createNamedQuery("SessionEvent.findBySession", SessionEvent.class)
        .setParameter("sessionId", sessionId)
        .setParameter("after", after)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public Optional<GatewaySession> findAsStored(String id) {
    return Optional.ofNullable(
        em.find(
            GatewaySession.class,
            id,
            Map.of(
                "jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS,
                "jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH,
                "eclipselink.refresh", "true")));
  }

  @Override
  public Optional<GatewaySession> findForUpdate(String id) {
    return Optional.ofNullable(em.find(GatewaySession.class, id, LockModeType.PESSIMISTIC_WRITE));
  }

  @Override
  public List<SessionEvent> storedEvents(String sessionId, long after, int limit) {
    return em.createNamedQuery("SessionEvent.findBySession", SessionEvent.class)
        .setParameter("sessionId", sessionId)
        .setParameter("after", after)
        .setHint("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS)
        .setHint("jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH)
        .setHint("eclipselink.refresh", "true")
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public Optional<SessionEvent> event(String sessionId, long sequence) {
    return Optional.ofNullable(
        em.find(SessionEvent.class, new SessionEventKey(sessionId, sequence)));
  }

  // MAX over the session's range of the primary key index, then a lookup by key: Derby answered
  // "ORDER BY sequence DESC" with a scan and sort of the whole event table, on every session close.
  @Override
  public Optional<SessionEvent> lastEvent(String sessionId) {
    long last = lastSequence(sessionId, 1);
    if (last == 0) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(SessionEvent.class, new SessionEventKey(sessionId, last)));
  }

  @Override
  public long countEvents(String sessionId) {
    return em.createQuery(
            "SELECT COUNT(e) FROM SessionEvent e WHERE e.sessionId = :session", Long.class)
        .setParameter("session", sessionId)
        .getSingleResult();
  }

  @Override
  public void store(GatewaySession session) {
    if (!em.contains(session)) {
      em.persist(session);
    }
  }

  @Override
  public long lastSequence(String sessionId, long from) {
    Long last =
        em.createQuery(
                "SELECT MAX(e.sequence) FROM SessionEvent e"
                    + " WHERE e.sessionId = :session AND e.sequence >= :from",
                Long.class)
            .setParameter("session", sessionId)
            .setParameter("from", from)
            .getSingleResult();
    return last == null ? 0 : last;
  }

  // Plain JDBC on the transaction's own connection (the data source is shared within a JTA
  // transaction): one batched INSERT instead of an entity, a change set and a cache entry per
  // event. Events are never updated, so nothing is lost by keeping them out of the persistence
  // context and the shared cache (SessionEvent is not cacheable).
  private static final String INSERT_EVENT =
      "INSERT INTO gh_session_event (session_id, seq_no, occurred_at, event_type, payload,"
          + " decision, rule_id, previous_hash, event_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Override
  public void appendAll(List<SessionEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try (Connection connection = store.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
      for (SessionEvent event : events) {
        insert.setString(1, event.sessionId());
        insert.setLong(2, event.sequence());
        insert.setTimestamp(3, Timestamp.from(event.occurredAt()));
        insert.setString(4, event.type());
        insert.setString(5, event.payload());
        insert.setString(6, event.decision());
        insert.setString(7, event.ruleId());
        insert.setString(8, event.previousHash());
        insert.setString(9, event.hash());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new PersistenceException(
          "storing " + events.size() + " event(s) of session " + events.get(0).sessionId(), e);
    }
  }
}
