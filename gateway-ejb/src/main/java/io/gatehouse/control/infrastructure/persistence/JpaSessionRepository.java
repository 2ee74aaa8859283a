package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionStatus;
import io.gatehouse.control.domain.model.session.UnreadableEventsException;
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
    return eventsAfter(sessionId, after, limit, false);
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
    return eventsAfter(sessionId, after, limit, true);
  }

  @Override
  public Optional<SessionEvent> event(String sessionId, long sequence) {
    List<SessionEventChunk> holding =
        em.createQuery(
                "SELECT c FROM SessionEventChunk c WHERE c.sessionId = :session"
                    + " AND c.first <= :sequence AND c.last >= :sequence",
                SessionEventChunk.class)
            .setParameter("session", sessionId)
            .setParameter("sequence", sequence)
            .getResultList();
    return holding.stream()
        .findFirst()
        .flatMap(chunk -> decode(chunk).stream().filter(e -> e.sequence() == sequence).findFirst());
  }

  @Override
  public Optional<SessionEvent> lastEvent(String sessionId) {
    long last = lastSequence(sessionId, 1);
    return last == 0 ? Optional.empty() : event(sessionId, last);
  }

  @Override
  public long countEvents(String sessionId) {
    Long count =
        em.createQuery(
                "SELECT SUM(c.last - c.first + 1) FROM SessionEventChunk c"
                    + " WHERE c.sessionId = :session",
                Long.class)
            .setParameter("session", sessionId)
            .getSingleResult();
    return count == null ? 0 : count;
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
                "SELECT MAX(c.last) FROM SessionEventChunk c"
                    + " WHERE c.sessionId = :session AND c.last >= :from",
                Long.class)
            .setParameter("session", sessionId)
            .setParameter("from", from)
            .getSingleResult();
    return last == null ? 0 : last;
  }

  /** A chunk holds at most this many events, */
  static final int CHUNK_EVENTS = 500;

  /** and about this many characters, unless one event alone is larger. */
  static final int CHUNK_CHARS = 1 << 20;

  // Plain JDBC on the transaction's own connection (the data source is shared within a JTA
  // transaction): a batch of a session's events becomes one row (or a few, for large batches),
  // outside the persistence context: chunks are never updated.
  private static final String INSERT_CHUNK =
      "INSERT INTO gh_session_event_chunk (session_id, first_seq, last_seq, events)"
          + " VALUES (?, ?, ?, ?)";

  @Override
  public void appendAll(List<SessionEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    String sessionId = events.get(0).sessionId();
    try (Connection connection = store.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT_CHUNK)) {
      for (List<SessionEvent> chunk : chunks(events)) {
        insert.setString(1, sessionId);
        insert.setLong(2, chunk.get(0).sequence());
        insert.setLong(3, chunk.get(chunk.size() - 1).sequence());
        insert.setBytes(4, EventChunkCodec.encode(chunk));
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new PersistenceException(
          "storing " + events.size() + " event(s) of session " + sessionId, e);
    }
  }

  /** Consecutive events of one session cut into chunks of at most the sizes above. */
  static List<List<SessionEvent>> chunks(List<SessionEvent> events) {
    List<List<SessionEvent>> chunks = new ArrayList<>();
    int from = 0;
    long chars = 0;
    for (int i = 0; i < events.size(); i++) {
      SessionEvent event = events.get(i);
      if (!event.sessionId().equals(events.get(0).sessionId())
          || (i > 0 && event.sequence() != events.get(i - 1).sequence() + 1)) {
        throw new IllegalArgumentException(
            "events to store must be one session's and consecutive: event "
                + event.sequence()
                + " of "
                + event.sessionId()
                + " follows event "
                + events.get(i - 1).sequence()
                + " of "
                + events.get(i - 1).sessionId());
      }
      long size = 160L + (event.payload() == null ? 0 : event.payload().length());
      if (i > from && (i - from == CHUNK_EVENTS || chars + size > CHUNK_CHARS)) {
        chunks.add(events.subList(from, i));
        from = i;
        chars = 0;
      }
      chars += size;
    }
    chunks.add(events.subList(from, events.size()));
    return chunks;
  }

  // Chunks overlapping (after, ...] in order, a few at a time, until limit events are decoded.
  private List<SessionEvent> eventsAfter(
      String sessionId, long after, int limit, boolean asStored) {
    List<SessionEvent> out = new ArrayList<>(Math.min(limit, 1000));
    long from = after;
    while (out.size() < limit) {
      TypedQuery<SessionEventChunk> query =
          em.createQuery(
                  "SELECT c FROM SessionEventChunk c WHERE c.sessionId = :session"
                      + " AND c.last > :after ORDER BY c.first",
                  SessionEventChunk.class)
              .setParameter("session", sessionId)
              .setParameter("after", from)
              .setMaxResults(4);
      if (asStored) {
        query
            .setHint("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS)
            .setHint("jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH)
            .setHint("eclipselink.refresh", "true");
      }
      List<SessionEventChunk> chunks = query.getResultList();
      for (SessionEventChunk chunk : chunks) {
        List<SessionEvent> decoded;
        try {
          decoded = decode(chunk);
        } catch (UnreadableEventsException e) {
          if (out.isEmpty() || !asStored) {
            throw e;
          }
          return out; // for verification: the events before it; the next call meets it first
        }
        for (SessionEvent event : decoded) {
          if (event.sequence() > from && out.size() < limit) {
            out.add(event);
          }
        }
        from = Math.max(from, chunk.last());
      }
      if (chunks.size() < 4) {
        break;
      }
    }
    return out;
  }

  private static List<SessionEvent> decode(SessionEventChunk chunk) {
    return EventChunkCodec.decode(chunk.sessionId(), chunk.first(), chunk.last(), chunk.events());
  }
}
