package io.gatehouse.web.proxy.control;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.GatewayAdminConnection;
import io.gatehouse.connector.api.GatewayAdminConnectionFactory;
import io.gatehouse.connector.api.LiveSessionInfo;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.control.application.SessionAdmission;
import io.gatehouse.recording.EventChain;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Groups proxied requests into recorded sessions: requests with the same bearer token (so the same
 * identity) on the same connection share one session of the control plane while they keep coming
 * within the idle window ({@code gatehouse.proxy.session.idle.seconds}, 60 s by default); a kubectl
 * command's discovery requests and its call, and the commands of a short burst, land in one
 * session. A session is closed once no request is in flight and none came for the idle window, when
 * the caller's access ends ({@code accessExpiresAt}: token expiry or grant end), and at the latest
 * after {@code gatehouse.proxy.session.max.minutes} (10 min): the next request is admitted anew, so
 * the token, the groups, grants and the policy are checked again at least that often.
 *
 * <p>Each session is also registered with the data plane's live sessions (the resource adapter's
 * admin connection), so that ending it from the control plane reaches it: a terminated session, or
 * every session of a revoked or expired grant (on this server or, through the termination
 * broadcast, on another), is closed at once; its live exec/attach streams are cut with the reason
 * on their error channel, and the next request of the same token on that connection is refused with
 * the reason unless access is admitted anew (another grant, standing access).
 *
 * <p>Each session's events form one hash chain; appending is serialised per session (parallel
 * requests of one kubectl command share it).
 */
@ApplicationScoped
public class ProxySessions {

  private static final Logger LOG = Logger.getLogger(ProxySessions.class.getName());

  /** Admits a new session (the token is checked by the control plane). */
  @FunctionalInterface
  interface Admission {
    SessionPlan admit() throws AccessDeniedException;
  }

  /** One grouped session: its plan, its chain, its counters. */
  static final class Grouped {
    final String key;
    final SessionPlan plan;
    final Instant opened;
    private int inFlight;
    private Instant lastUsed;
    private long sequence;
    private String lastHash = EventChain.GENESIS;
    private long requests;
    private long refused;
    private boolean detached;
    private boolean closed;
    private volatile String ended;
    private final List<Consumer<String>> streams = new ArrayList<>();

    Grouped(String key, SessionPlan plan, Instant now) {
      this.key = key;
      this.plan = plan;
      this.opened = now;
      this.lastUsed = now;
    }

    synchronized long requests() {
      return requests;
    }
  }

  @EJB SessionAdmission admission;

  @Resource(lookup = GatewayAdminConnectionFactory.JNDI_NAME)
  GatewayAdminConnectionFactory admin;

  /** Why a token's session on a connection was ended from outside, kept for a while. */
  private record Ended(String reason, Instant at) {}

  private final Map<String, Ended> endedByKey = new ConcurrentHashMap<>();

  private final Map<String, Grouped> byKey = new ConcurrentHashMap<>();
  private final Map<String, Grouped> byId = new ConcurrentHashMap<>();
  private final Map<String, Object> keyLocks = new ConcurrentHashMap<>();
  Clock clock = Clock.systemUTC();
  Duration idle = Duration.ofSeconds(setting("gatehouse.proxy.session.idle.seconds", 60));
  Duration maxAge = Duration.ofMinutes(setting("gatehouse.proxy.session.max.minutes", 10));
  private volatile ScheduledExecutorService sweeper;

  /**
   * The session this request joins: the open one of this token on this connection, else a newly
   * admitted one. Every {@code join} is paired with one {@link #release}.
   */
  Grouped join(String connection, String token, Admission admit) throws AccessDeniedException {
    startSweeper();
    String key = connection + "\u0000" + sha256(token);
    synchronized (keyLocks.computeIfAbsent(key, k -> new Object())) {
      Instant now = clock.instant();
      Grouped current = byKey.get(key);
      if (current != null) {
        synchronized (current) {
          if (!current.closed && current.ended == null && usable(current, now)) {
            current.inFlight++;
            current.lastUsed = now;
            return current;
          }
          current.detached = true;
        }
        byKey.remove(key, current);
        closeIfDone(current, reason(current, now));
      }
      SessionPlan plan;
      try {
        plan = admit.admit();
      } catch (AccessDeniedException e) {
        Ended gone = endedByKey.get(key);
        if (gone == null) {
          throw e;
        }
        throw new AccessDeniedException(e.reason(), gone.reason() + " (" + e.getMessage() + ")");
      }
      endedByKey.remove(key);
      Grouped fresh = new Grouped(key, plan, now);
      fresh.inFlight = 1;
      byKey.put(key, fresh);
      byId.put(fresh.plan.sessionId(), fresh);
      register(fresh);
      return fresh;
    }
  }

  /** A stream (exec, attach) outlives its request: keeps the session open until released. */
  void hold(String sessionId) {
    Grouped g = byId.get(sessionId);
    if (g != null) {
      synchronized (g) {
        g.inFlight++;
      }
    }
  }

  /**
   * Lets a live stream (exec, attach) of the session be cut when the session is ended from outside:
   * {@code stop} is called with the reason; at once if it already was.
   */
  void watch(String sessionId, Consumer<String> stop) {
    Grouped g = byId.get(sessionId);
    String already = null;
    if (g != null) {
      synchronized (g) {
        if (g.ended == null) {
          g.streams.add(stop);
        } else {
          already = g.ended;
        }
      }
    }
    if (already != null) {
      stop.accept(already);
    }
  }

  void unwatch(String sessionId, Consumer<String> stop) {
    Grouped g = byId.get(sessionId);
    if (g != null) {
      synchronized (g) {
        g.streams.remove(stop);
      }
    }
  }

  /**
   * Ends a session from outside (the control plane terminated it, or its grant was revoked or has
   * expired): its streams are cut, it is closed once no request is in flight, and the next request
   * of its token on its connection is told {@code reason} if it is refused.
   */
  void terminate(String sessionId, String reason) {
    Grouped g = byId.get(sessionId);
    if (g == null) {
      return;
    }
    List<Consumer<String>> cut;
    synchronized (g) {
      if (g.ended != null) {
        return;
      }
      g.ended = reason;
      g.detached = true;
      cut = List.copyOf(g.streams);
      g.streams.clear();
    }
    LOG.info(() -> "proxy session " + sessionId + " ended: " + reason);
    endedByKey.put(g.key, new Ended(reason, clock.instant()));
    byKey.remove(g.key, g);
    for (Consumer<String> stop : cut) {
      try {
        stop.accept(reason);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a stream of session " + sessionId + " could not be cut", e);
      }
    }
    closeIfDone(g, "terminated");
  }

  /** Seconds since the session was admitted (terminal event timing). */
  double seconds(String sessionId) {
    Grouped g = byId.get(sessionId);
    return g == null ? 0 : java.time.Duration.between(g.opened, clock.instant()).toNanos() / 1e9;
  }

  /** The request of this session ended. */
  void release(String sessionId) {
    Grouped g = byId.get(sessionId);
    if (g == null) {
      return;
    }
    synchronized (g) {
      g.inFlight--;
      g.lastUsed = clock.instant();
    }
    if (g.detached) {
      closeIfDone(g, reason(g, clock.instant()));
    }
  }

  /**
   * Links an event into the session's chain and stores it durably before returning.
   *
   * @throws RuntimeException when it cannot be stored (the chain is left as it was)
   */
  void append(String sessionId, String type, String payload, String decision, String ruleId) {
    Grouped g = byId.get(sessionId);
    if (g == null) {
      throw new IllegalStateException("session " + sessionId + " is not open here");
    }
    synchronized (g) {
      RecordedEvent event =
          EventChain.link(
              g.lastHash,
              sessionId,
              g.sequence + 1,
              EventChain.recordable(clock.instant()),
              type,
              payload,
              decision,
              ruleId);
      admission.store(List.of(event));
      g.sequence++;
      g.lastHash = event.hash();
      if ("request".equals(type)) {
        g.requests++;
        if (decision != null && !"allow".equals(decision)) {
          g.refused++;
        }
      }
    }
  }

  Optional<SessionPlan> plan(String sessionId) {
    return Optional.ofNullable(sessionId).map(byId::get).map(g -> g.plan);
  }

  /** Closes the sessions that are idle, out of access or too old; runs every second. */
  void sweep() {
    Instant now = clock.instant();
    endedByKey.values().removeIf(e -> e.at().plus(maxAge).isBefore(now));
    for (Grouped g : byId.values()) {
      boolean done;
      synchronized (g) {
        done = g.inFlight == 0 && !g.closed && !usable(g, now);
        if (done) {
          g.detached = true;
        }
      }
      if (done) {
        byKey.remove(g.key, g);
        closeIfDone(g, reason(g, now));
      }
    }
  }

  int open() {
    return byId.size();
  }

  private boolean usable(Grouped g, Instant now) {
    return now.isBefore(g.lastUsed.plus(idle))
        && now.isBefore(g.opened.plus(maxAge))
        && now.isBefore(g.plan.accessExpiresAt());
  }

  private void register(Grouped g) {
    if (admin == null) {
      return;
    }
    SessionPlan plan = g.plan;
    try (GatewayAdminConnection connection = admin.getConnection()) {
      connection.register(
          new LiveSessionInfo(
              plan.sessionId(),
              plan.identity(),
              plan.connection(),
              plan.protocol().name().toLowerCase(java.util.Locale.ROOT),
              g.opened,
              plan.grantId()),
          reason -> terminate(plan.sessionId(), reason));
    } catch (jakarta.resource.ResourceException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "proxy session "
              + plan.sessionId()
              + " is not known to the data plane; it ends at its access end or maximum age only",
          e);
    }
  }

  private void deregister(Grouped g) {
    if (admin == null) {
      return;
    }
    try (GatewayAdminConnection connection = admin.getConnection()) {
      connection.deregister(g.plan.sessionId());
    } catch (jakarta.resource.ResourceException | RuntimeException e) {
      LOG.log(Level.FINE, "could not deregister proxy session " + g.plan.sessionId(), e);
    }
  }

  private static String reason(Grouped g, Instant now) {
    if (g.ended != null) {
      return "terminated";
    }
    return now.isBefore(g.plan.accessExpiresAt()) ? "client-closed" : "expired";
  }

  private void closeIfDone(Grouped g, String reason) {
    long requests;
    long refused;
    synchronized (g) {
      if (g.closed || g.inFlight > 0) {
        return;
      }
      g.closed = true;
      requests = g.requests;
      refused = g.refused;
    }
    recordEnd(g, reason, requests, refused);
    byId.remove(g.plan.sessionId(), g);
    keyLocks.remove(g.key);
    deregister(g);
    try {
      admission.close(
          new SessionOutcome(g.plan.sessionId(), clock.instant(), reason, requests, refused, 0));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session " + g.plan.sessionId() + " could not be closed", e);
    }
  }

  /**
   * Ends the recording with a chained {@code session-end}, which lets the store seal it (and ends
   * the session there even if the close call below is lost). A store that cannot take it leaves the
   * recording unsealed, and verification says so.
   */
  private void recordEnd(Grouped g, String reason, long requests, long refused) {
    synchronized (g) {
      RecordedEvent end =
          EventChain.link(
              g.lastHash,
              g.plan.sessionId(),
              g.sequence + 1,
              EventChain.recordable(clock.instant()),
              "session-end",
              "{\"reason\":"
                  + io.gatehouse.recording.JsonText.quote(reason)
                  + ",\"requests\":"
                  + requests
                  + ",\"blocked\":"
                  + refused
                  + "}",
              null,
              null);
      try {
        admission.store(List.of(end));
        g.sequence++;
        g.lastHash = end.hash();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "the end of session " + g.plan.sessionId() + " was not recorded", e);
      }
    }
  }

  private void startSweeper() {
    if (sweeper == null) {
      synchronized (this) {
        if (sweeper == null) {
          ScheduledExecutorService s =
              Executors.newSingleThreadScheduledExecutor(
                  r -> {
                    Thread t = new Thread(r, "gatehouse-proxy-sessions");
                    t.setDaemon(true);
                    return t;
                  });
          s.scheduleWithFixedDelay(this::sweepQuietly, 1, 1, TimeUnit.SECONDS);
          sweeper = s;
        }
      }
    }
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "closing idle proxy sessions failed", e);
    }
  }

  /** Closes every open session (the application stops). */
  @PreDestroy
  void shutdown() {
    ScheduledExecutorService s = sweeper;
    if (s != null) {
      s.shutdownNow();
    }
    for (Grouped g : byId.values()) {
      synchronized (g) {
        g.detached = true;
      }
      closeIfDone(g, "client-closed");
    }
  }

  private static long setting(String name, long fallback) {
    try {
      return ConfigProvider.getConfig().getOptionalValue(name, Long.class).orElse(fallback);
    } catch (RuntimeException | LinkageError e) {
      return fallback;
    }
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
