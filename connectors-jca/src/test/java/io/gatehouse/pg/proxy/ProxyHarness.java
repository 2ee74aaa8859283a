package io.gatehouse.pg.proxy;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.connector.ra.ExecutorWorkManager;
import io.gatehouse.connector.ra.LiveSessions;
import io.gatehouse.connector.ra.TcpListener;
import io.gatehouse.masking.DetectorKind;
import io.gatehouse.masking.MaskStrategy;
import io.gatehouse.masking.MaskingRule;
import io.gatehouse.pg.backend.BackendConnection;
import io.gatehouse.pg.backend.BackendConnector;
import io.gatehouse.pg.backend.BackendCredential;
import io.gatehouse.pg.backend.BackendTarget;
import io.gatehouse.pg.pool.PgBackend;
import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.policy.SessionTimeouts;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The PostgreSQL listener in process, in front of the test cluster. Access, rules and backends are
 * plain test implementations; the protocol path is the real one.
 */
final class ProxyHarness implements AutoCloseable {

  static final String GOOD_TOKEN = "good-token";

  /** Who a token stands for: the identity and groups its session plan carries. */
  record Identity(String name, Set<String> groups) {}

  /**
   * The valid tokens and their identities; {@link #GOOD_TOKEN} is alice in {@code dba}. A test may
   * add tokens before it connects.
   */
  final Map<String, Identity> identities =
      new ConcurrentHashMap<>(Map.of(GOOD_TOKEN, new Identity("alice", Set.of("dba"))));

  final PostgresCluster pg;
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<SessionOutcome> outcomes = new CopyOnWriteArrayList<>();
  final LiveSessions live = new LiveSessions();
  private final ExecutorWorkManager work = new ExecutorWorkManager();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final TcpListener listener;
  volatile Instant accessExpiresAt = Instant.now().plusSeconds(3600);

  /** Every access decision asked for, in order. */
  final List<AccessRequest> accessRequests = new CopyOnWriteArrayList<>();

  /** What the listener is told, before the password, about a connection requiring TLS. */
  volatile PgEnvironment.TlsRequirement tlsRequirement = connection -> false;

  /** The policy document every new session's plan carries (named {@code test-policy}). */
  volatile String policyDocument = "{}";

  ProxyHarness(PostgresCluster pg, SSLContext tls, SessionRulesFactory rules) throws Exception {
    this.pg = pg;
    PgEnvironment environment =
        new PgEnvironment(
            () -> tls,
            request -> {
              accessRequests.add(request);
              Identity identity = identities.get(request.accessToken());
              if (identity == null) {
                throw new AccessDeniedException(
                    AccessDeniedException.Reason.INVALID_CREDENTIAL, "token is not valid");
              }
              if (!request.connection().equals("orders")) {
                throw new AccessDeniedException(
                    AccessDeniedException.Reason.UNKNOWN_CONNECTION,
                    "no connection named \"" + request.connection() + "\"");
              }
              return plan(request.database(), identity);
            },
            connection -> tlsRequirement.requiredFor(connection),
            this::backend,
            rules,
            outcomes::add,
            work::scheduleWork0,
            timers,
            5_000);
    listener =
        new TcpListener(
            "postgres",
            new InetSocketAddress("127.0.0.1", 0),
            100,
            new PgListener(environment, live),
            work::scheduleWork0);
    listener.start(work);
  }

  /** Every statement allowed; this masking, nothing recorded, no idle limits. */
  static ProxyHarness allowingAll(PostgresCluster pg, ResultMasking masking) throws Exception {
    return allowingAll(pg, masking, (type, json, verdict) -> {}, () -> SessionTimeouts.NONE);
  }

  /** Every statement allowed; this masking, recorder and idle limits (read per session). */
  static ProxyHarness allowingAll(
      PostgresCluster pg,
      ResultMasking masking,
      SessionRecorder recorder,
      Supplier<SessionTimeouts> timeouts)
      throws Exception {
    return new ProxyHarness(
        pg,
        null,
        (plan, client) ->
            new SessionRules(
                false, sql -> Verdict.allow("SELECT"), masking, recorder, timeouts.get()));
  }

  /** A payment-card detector rule, partial strategy, on every column. */
  static MaskingRule cardDetector() {
    return new MaskingRule(
        "cards", List.of(), Optional.of(DetectorKind.PAYMENT_CARD), MaskStrategy.PARTIAL);
  }

  int port() {
    return listener.port();
  }

  String jdbcUrl(String connection, String sslmode) {
    return jdbcUrl(connection, sslmode, GOOD_TOKEN);
  }

  /** A URL whose password is this access token. */
  String jdbcUrl(String connection, String sslmode, String token) {
    return "jdbc:postgresql://127.0.0.1:"
        + port()
        + "/"
        + connection
        + "?sslmode="
        + sslmode
        + "&user=alice&password="
        + token;
  }

  private SessionPlan plan(String database, Identity identity) {
    TargetSpec target =
        new TargetSpec(
            pg.host(),
            pg.port(),
            database == null ? "gatehouse_test" : database,
            null,
            "disable",
            null,
            null,
            PostgresCluster.SUPERUSER,
            pg.password(PostgresCluster.SUPERUSER),
            "password",
            1);
    return new SessionPlan(
        UUID.randomUUID().toString(),
        identity.name(),
        identity.groups(),
        "orders",
        Protocol.POSTGRES,
        target,
        "test-policy",
        1,
        policyDocument,
        accessExpiresAt,
        null,
        new byte[32]);
  }

  private PgBackend backend(SessionPlan plan) throws java.io.IOException {
    TargetSpec spec = plan.target();
    BackendConnection connection =
        new BackendConnector()
            .connect(
                BackendTarget.of(spec.host(), spec.port(), spec.database(), spec.username()),
                BackendCredential.password(spec.secret()));
    return new PgBackend() {
      @Override
      public BackendConnection connection() {
        return connection;
      }

      @Override
      public void close() {
        events.add("backend-returned");
        connection.close();
      }

      @Override
      public void discard() {
        events.add("backend-discarded");
        connection.close();
      }
    };
  }

  @Override
  public void close() {
    listener.stop();
    timers.shutdownNow();
    work.close();
  }
}
