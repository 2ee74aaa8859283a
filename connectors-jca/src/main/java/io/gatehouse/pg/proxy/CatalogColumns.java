package io.gatehouse.pg.proxy;

import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.masking.ColumnRef;
import io.gatehouse.pg.backend.BackendConnection;
import io.gatehouse.pg.pool.PgBackend;
import io.gatehouse.pg.wire.BackendCode;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.DataRow;
import io.gatehouse.pg.wire.Frame;
import io.gatehouse.pg.wire.FrontendEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resolves a RowDescription's table OIDs and attribute numbers to {@code schema.table.column} by
 * asking the target's {@code pg_catalog} on a second pooled backend, never on the session's own
 * (whose protocol state belongs to the client). Answers are cached per target (host, port,
 * database) for {@value #TTL_SECONDS} s, a table not found for {@value #MISS_TTL_SECONDS} s (it may
 * be created in a transaction not yet committed); when the lookup fails, the columns count as
 * unresolved, which masks by label (errs towards masking).
 */
final class CatalogColumns implements ResultColumns {

  private static final Logger LOG = Logger.getLogger(CatalogColumns.class.getName());
  static final int TTL_SECONDS = 60;
  static final int MISS_TTL_SECONDS = 2;
  private static final int MAX_TABLES_PER_TARGET = 10_000;
  private static final Map<String, Map<Integer, Table>> CACHES = new ConcurrentHashMap<>();

  /** A table's schema, name and columns by attribute number; {@code name} null when not found. */
  private record Table(String schema, String name, Map<Integer, String> columns, long loadedNanos) {

    boolean fresh(long now) {
      long ttl = name == null ? MISS_TTL_SECONDS : TTL_SECONDS;
      return now - loadedNanos < ttl * 1_000_000_000L;
    }
  }

  private final PgEnvironment.Backends backends;
  private final SessionPlan plan;
  private final Map<Integer, Table> cache;

  CatalogColumns(PgEnvironment.Backends backends, SessionPlan plan) {
    this.backends = backends;
    this.plan = plan;
    TargetSpec target = plan.target();
    this.cache =
        CACHES.computeIfAbsent(
            target.host() + ":" + target.port() + "/" + target.database(),
            k -> new ConcurrentHashMap<>());
  }

  @Override
  public List<ColumnRef> of(List<BackendMessage.Field> fields) {
    long now = System.nanoTime();
    Set<Integer> missing = null;
    for (BackendMessage.Field field : fields) {
      Table table = field.tableOid() == 0 ? null : cache.get(field.tableOid());
      if (field.tableOid() != 0 && (table == null || !table.fresh(now))) {
        if (missing == null) {
          missing = new TreeSet<>();
        }
        missing.add(field.tableOid());
      }
    }
    if (missing != null) {
      load(missing, now);
    }
    List<ColumnRef> refs = new ArrayList<>(fields.size());
    for (BackendMessage.Field field : fields) {
      Table table = field.tableOid() == 0 ? null : cache.get(field.tableOid());
      String column = table == null ? null : table.columns().get((int) field.columnNumber());
      refs.add(
          column == null
              ? ColumnRef.of(field.name())
              : ColumnRef.resolved(table.schema(), table.name(), column, field.name()));
    }
    return refs;
  }

  private void load(Set<Integer> oids, long now) {
    StringBuilder list = new StringBuilder();
    for (int oid : oids) {
      list.append(list.isEmpty() ? "" : ",").append(Integer.toUnsignedString(oid));
    }
    String sql =
        "SELECT c.oid, n.nspname, c.relname, a.attnum, a.attname"
            + " FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
            + " WHERE c.oid = ANY ('{"
            + list
            + "}'::pg_catalog.oid[]) AND a.attnum > 0 AND NOT a.attisdropped";
    Map<Integer, Table> found = new HashMap<>();
    try {
      query(sql, found, now);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "catalog lookup for " + plan.sessionId() + " failed", e);
      return;
    }
    if (cache.size() + oids.size() > MAX_TABLES_PER_TARGET) {
      cache.clear();
    }
    for (int oid : oids) {
      cache.put(oid, found.getOrDefault(oid, new Table(null, null, Map.of(), now)));
    }
  }

  private void query(String sql, Map<Integer, Table> found, long now) throws IOException {
    PgBackend side = backends.acquire(plan);
    boolean clean = false;
    try {
      BackendConnection connection = side.connection();
      connection.send(FrontendEncoder.query(sql));
      String error = null;
      while (true) {
        Frame frame = connection.read();
        if (frame.type() == BackendCode.DATA_ROW) {
          DataRow row = DataRow.parse(frame.body());
          int oid = Integer.parseUnsignedInt(text(row, 0));
          Table table =
              found.computeIfAbsent(
                  oid, k -> new Table(text(row, 1), text(row, 2), new HashMap<>(), now));
          table.columns().put(Integer.parseInt(text(row, 3)), text(row, 4));
        } else if (frame.type() == BackendCode.ERROR_RESPONSE) {
          error = "the catalog query failed";
        } else if (frame.type() == BackendCode.READY_FOR_QUERY) {
          break;
        }
      }
      if (error != null) {
        throw new IOException(error);
      }
      clean = true;
    } finally {
      if (clean) {
        side.close();
      } else {
        side.discard();
      }
    }
  }

  private static String text(DataRow row, int column) {
    var value = row.value(column).duplicate();
    byte[] bytes = new byte[value.remaining()];
    value.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
