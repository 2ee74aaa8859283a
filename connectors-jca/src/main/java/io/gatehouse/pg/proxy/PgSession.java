package io.gatehouse.pg.proxy;

import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.ra.LiveSessions;
import io.gatehouse.pg.backend.BackendConnection;
import io.gatehouse.pg.backend.BackendRejectedException;
import io.gatehouse.pg.pool.PgBackend;
import io.gatehouse.pg.wire.BackendEncoder;
import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.FrontendEncoder;
import io.gatehouse.pg.wire.SqlState;
import io.gatehouse.pg.wire.TransactionStatus;
import io.gatehouse.policy.SessionTimeouts;
import io.gatehouse.recording.JsonText;
import io.gatehouse.recording.SpoolRecorder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One relayed PostgreSQL session, from the greeting to its end. The backend goes back to the pool
 * only when the client terminated cleanly and the backend is idle outside a transaction; in every
 * other case it is discarded, so no half-finished state reaches another user.
 */
final class PgSession implements LiveSessions.Terminable {

  private static final Logger LOG = Logger.getLogger(PgSession.class.getName());
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private final PgEnvironment environment;
  private final SessionPlan plan;
  private final SessionRules rules;
  private final ClientStartup.ClientChannel channel;
  private final ClientOutput out;
  private final PgBackend backend;
  private final CancelRegistry cancels;
  private final LiveSessions live;
  private final PgSessionState state;
  private final AtomicReference<String> endReason = new AtomicReference<>();
  private final CountDownLatch backendPumpDone = new CountDownLatch(1);
  private volatile boolean stopping;

  private final StartupSettings settings;

  PgSession(
      PgEnvironment environment,
      SessionPlan plan,
      SessionRules rules,
      ClientStartup.ClientChannel channel,
      ClientOutput out,
      PgBackend backend,
      CancelRegistry cancels,
      LiveSessions live,
      StartupSettings settings) {
    this.settings = settings;
    this.environment = environment;
    this.plan = plan;
    this.rules = rules;
    this.channel = channel;
    this.out = out;
    this.backend = backend;
    this.cancels = cancels;
    this.live = live;
    this.state = new PgSessionState(rules);
    if (rules.masking().active()) {
      state.resultColumns(new CatalogColumns(environment.backends(), plan));
    }
  }

  void run() throws IOException {
    BackendConnection connection = backend.connection();
    CancelRegistry.Key key =
        cancels.register(
            () -> {
              try {
                connection.cancelRunningQuery();
              } catch (IOException e) {
                LOG.log(Level.FINE, "cancel failed", e);
              }
            });
    live.add(
        new LiveSessions.Entry(
            plan.sessionId(),
            plan.identity(),
            plan.connection(),
            "postgres",
            Instant.now(),
            plan.grantId(),
            this));
    ScheduledFuture<?> expiry = scheduleExpiry();
    ScheduledFuture<?> idleCheck = scheduleIdleCheck();
    boolean reusable = false;
    try {
      try {
        state.record("session-start", startPayload(), null);
      } catch (SpoolRecorder.RecordingUnavailableException e) {
        endReason.set("recording-unavailable");
        PgListener.fatalQuietly(
            out, SqlState.CANNOT_CONNECT_NOW, "session refused: " + e.getMessage() + "; try later");
        return;
      }
      if (!greet(connection, key)) {
        return;
      }
      reusable = relay(connection);
    } finally {
      expiry.cancel(false);
      if (idleCheck != null) {
        idleCheck.cancel(false);
      }
      cancels.unregister(key);
      live.remove(plan.sessionId());
      release(reusable);
      end();
    }
  }

  /**
   * Applies the client's startup settings to the backend and greets the client with the backend's
   * parameters; false when the target refused a setting (the client has been told, with a FATAL as
   * PostgreSQL gives at startup).
   */
  private boolean greet(BackendConnection connection, CancelRegistry.Key key) throws IOException {
    try {
      connection.apply(settings.applied());
    } catch (BackendRejectedException e) {
      endReason.set("startup-setting-refused");
      PgListener.fatalQuietly(out, e.sqlState(), e.getMessage());
      return false;
    }
    out.write(BackendEncoder.authenticationOk());
    for (Map.Entry<String, String> parameter : connection.parameters().entrySet()) {
      out.write(BackendEncoder.parameterStatus(parameter.getKey(), parameter.getValue()));
    }
    if (!settings.ignored().isEmpty()) {
      out.write(
          BackendEncoder.noticeResponse(
              ErrorFields.of(
                  "NOTICE",
                  SqlState.WARNING,
                  "Gatehouse: startup parameters not applied through the gateway: "
                      + String.join(", ", settings.ignored())
                      + "; SET them after connecting")));
    }
    out.write(BackendEncoder.backendKeyData(key.processId(), key.secret()));
    out.send(BackendEncoder.readyForQuery(TransactionStatus.IDLE));
    LOG.info(
        () ->
            "Session "
                + plan.sessionId()
                + ": "
                + plan.identity()
                + " on "
                + plan.connection()
                + (channel.tls() ? " (TLS)" : ""));
    return true;
  }

  /** Relays until either side ends; true when the backend is clean enough to pool. */
  private boolean relay(BackendConnection connection) throws IOException {
    BackendPump backendPump = new BackendPump(state, connection, out, () -> stopping);
    environment
        .threads()
        .execute(
            () -> {
              try {
                backendPump.run();
              } catch (IOException e) {
                if (e instanceof SpoolRecorder.RecordingUnavailableException) {
                  endReason.compareAndSet(null, "recording-unavailable");
                  PgListener.fatalQuietly(
                      out, SqlState.CANNOT_CONNECT_NOW, "the session is over: " + e.getMessage());
                  closeClient();
                } else if (!stopping) {
                  endReason.compareAndSet(null, "target-error");
                  LOG.log(Level.FINE, "backend of " + plan.sessionId() + " ended", e);
                  PgListener.fatalQuietly(
                      out,
                      SqlState.CONNECTION_FAILURE,
                      "the connection to the target was lost; the session is over");
                  closeClient();
                }
              } finally {
                backendPumpDone.countDown();
              }
            });
    FrontendPump.End end;
    try {
      StatementHold hold = new StatementHold(environment.reviews(), plan, state, out);
      end = new FrontendPump(state, channel.socket(), channel.in(), connection, out, hold).run();
    } catch (SpoolRecorder.RecordingUnavailableException e) {
      endReason.compareAndSet(null, "recording-unavailable");
      PgListener.fatalQuietly(
          out,
          SqlState.CANNOT_CONNECT_NOW,
          "the statement was not forwarded and the session is over: " + e.getMessage());
      return false;
    } catch (IOException e) {
      endReason.compareAndSet(null, "client-error");
      if (e instanceof io.gatehouse.pg.wire.WireFormatException wire) {
        PgListener.fatalQuietly(out, wire.sqlState(), wire.getMessage());
      }
      return false;
    }
    endReason.compareAndSet(null, "client-closed");
    if (end != FrontendPump.End.TERMINATED
        || !state.backendIdle()
        || backendPumpDone.getCount() == 0) {
      return false;
    }
    // Wake the backend pump with one more Sync; it stops at the answering ReadyForQuery.
    stopping = true;
    connection.send(FrontendEncoder.sync());
    state.syncPointSent();
    try {
      return backendPumpDone.await(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          && state.transactionStatus() == TransactionStatus.IDLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void release(boolean reusable) {
    stopping = true;
    if (reusable) {
      backend.close();
    } else {
      backend.discard();
      try {
        backendPumpDone.await(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void end() {
    String reason = endReason.get() == null ? "client-closed" : endReason.get();
    try {
      state.record(
          "session-end",
          "{\"reason\":"
              + JsonText.quote(reason)
              + ",\"statements\":"
              + state.statements()
              + ",\"blocked\":"
              + state.blocked()
              + ",\"rows\":"
              + state.rows()
              + "}",
          null);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not record the end of " + plan.sessionId(), e);
    }
    environment
        .sessionEnded()
        .ended(
            new SessionOutcome(
                plan.sessionId(),
                Instant.now(),
                reason,
                state.statements(),
                state.blocked(),
                state.masked()));
    closeClient();
  }

  private ScheduledFuture<?> scheduleExpiry() {
    long delay = Duration.between(Instant.now(), plan.accessExpiresAt()).toMillis();
    return environment
        .timers()
        .schedule(
            () -> terminate("access to \"" + plan.connection() + "\" has expired", "expired"),
            Math.max(0, delay),
            TimeUnit.MILLISECONDS);
  }

  /** Checks the policy's idle limits a few times per the shortest limit; null when none is set. */
  private ScheduledFuture<?> scheduleIdleCheck() {
    SessionTimeouts timeouts = rules.timeouts();
    long shortest = Long.MAX_VALUE;
    for (int seconds : new int[] {timeouts.idleSeconds(), timeouts.idleInTransactionSeconds()}) {
      if (seconds > 0) {
        shortest = Math.min(shortest, seconds * 1000L);
      }
    }
    if (shortest == Long.MAX_VALUE) {
      return null;
    }
    long period = Math.max(100, Math.min(1000, shortest / 10));
    return environment
        .timers()
        .scheduleWithFixedDelay(() -> checkIdle(timeouts), period, period, TimeUnit.MILLISECONDS);
  }

  private void checkIdle(SessionTimeouts timeouts) {
    long idle = state.idleMillis();
    if (idle < 0 || endReason.get() != null) {
      return;
    }
    boolean inTransaction = state.transactionStatus() != TransactionStatus.IDLE;
    int limit = inTransaction ? timeouts.idleInTransactionSeconds() : timeouts.idleSeconds();
    if (limit <= 0 || idle < limit * 1000L) {
      return;
    }
    String setting = inTransaction ? "timeouts.idleInTransactionSeconds" : "timeouts.idleSeconds";
    String message =
        "terminating connection due to "
            + (inTransaction ? "idle-in-transaction timeout" : "idle-session timeout")
            + ": idle for more than "
            + limit
            + " s (policy \""
            + plan.policyName()
            + "\", "
            + setting
            + ")"
            + (inTransaction ? "; the open transaction is rolled back" : "");
    terminate(
        message,
        inTransaction ? "idle-in-transaction-timeout" : "idle-timeout",
        inTransaction
            ? SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT
            : SqlState.IDLE_SESSION_TIMEOUT);
  }

  @Override
  public void terminate(String reason) {
    terminate(reason, "terminated");
  }

  @Override
  public void warn(String message) {
    LOG.info(() -> "Session " + plan.sessionId() + " warned: " + message);
    try {
      out.send(
          BackendEncoder.noticeResponse(
              ErrorFields.of("WARNING", SqlState.WARNING, "Gatehouse: " + message)));
      state.record("grant-warning", "{\"message\":" + JsonText.quote(message) + "}", null);
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not warn " + plan.sessionId(), e);
    }
  }

  private void terminate(String message, String reason) {
    terminate(message, reason, SqlState.ADMIN_SHUTDOWN);
  }

  private void terminate(String message, String reason, String sqlState) {
    endReason.compareAndSet(null, reason);
    LOG.info(() -> "Session " + plan.sessionId() + " ends: " + message);
    try {
      out.send(BackendEncoder.errorResponse(ErrorFields.fatal(sqlState, "Gatehouse: " + message)));
    } catch (IOException ignored) {
      // The client may already be gone.
    }
    closeClient();
  }

  private void closeClient() {
    try {
      channel.socket().close();
    } catch (IOException ignored) {
      // Closing on the way out.
    }
  }

  private String startPayload() {
    return "{\"identity\":"
        + JsonText.quote(plan.identity())
        + ",\"connection\":"
        + JsonText.quote(plan.connection())
        + ",\"user\":"
        + JsonText.quote(channel.startup().user())
        + ",\"client\":"
        + JsonText.quote(channel.socket().getInetAddress().getHostAddress())
        + ",\"tls\":"
        + channel.tls()
        + "}";
  }

  SessionRules rules() {
    return rules;
  }
}
