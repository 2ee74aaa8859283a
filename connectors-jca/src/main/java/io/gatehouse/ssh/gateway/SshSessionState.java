package io.gatehouse.ssh.gateway;

import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.ra.LiveSessions;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.recording.JsonText;
import io.gatehouse.recording.SpoolRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.server.session.ServerSession;

/**
 * One admitted SSH session: its plan, compiled rules and recorder, kept on the MINA session under
 * {@link #KEY}. Registered with {@link LiveSessions} while it runs; ended (recorded, reported to
 * the control plane) once, when the client leaves, the gateway terminates it or access expires.
 */
final class SshSessionState {

  static final AttributeKey<SshSessionState> KEY = new AttributeKey<>();

  private static final Logger LOG = Logger.getLogger(SshSessionState.class.getName());

  private final SessionPlan plan;
  private final PolicyCommandGuard guard;
  private final PolicyForwardGuard forwards;
  private final MaskingPlan masking;
  private final SpoolRecorder recorder;
  private final Clock clock;
  private final long startNanos = System.nanoTime();
  private final Instant startedAt;
  private final AtomicInteger channels = new AtomicInteger();
  private final AtomicLong commands = new AtomicLong();
  private final AtomicLong blocked = new AtomicLong();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile String endReason = "client-closed";
  private volatile String endMessage;
  private volatile ScheduledFuture<?> expiry;
  private final Set<OutputStream> clientErrors = ConcurrentHashMap.newKeySet();
  // Forwarded connections being relayed, each with what cuts it (see end()).
  private final Map<Object, Runnable> liveForwards = new ConcurrentHashMap<>();
  private volatile boolean cutting;

  SshSessionState(
      SessionPlan plan,
      PolicyCommandGuard guard,
      PolicyForwardGuard forwards,
      MaskingPlan masking,
      SpoolRecorder recorder,
      Clock clock) {
    this.plan = plan;
    this.guard = guard;
    this.forwards = forwards;
    this.masking = masking;
    this.recorder = recorder;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  SessionPlan plan() {
    return plan;
  }

  /** The command rules, or null when the connection has no policy (everything allowed). */
  PolicyCommandGuard guard() {
    return guard;
  }

  /** The forwarding rules (refusing everything when the connection has no policy). */
  PolicyForwardGuard forwards() {
    return forwards;
  }

  /** What output masking applies to this identity (empty: none). */
  MaskingPlan masking() {
    return masking;
  }

  int nextChannel() {
    return channels.incrementAndGet();
  }

  void counted(boolean allowed) {
    commands.incrementAndGet();
    if (!allowed) {
      blocked.incrementAndGet();
    }
  }

  /** Seconds since the session started, for replay timing. */
  String offset() {
    return String.format(Locale.ROOT, "%.6f", (System.nanoTime() - startNanos) / 1e9);
  }

  /**
   * Records one event; serialised per session, so sequence numbers reach the spool in order.
   *
   * @throws IOException when the event cannot be made durable under a strict policy
   */
  synchronized void record(String type, String payloadJson, String decision, String ruleId)
      throws IOException {
    recorder.record(type, payloadJson, decision, ruleId);
  }

  /**
   * @param keyFingerprint the registered public key that logged the client in, or null (a token)
   */
  void recordStart(String clientAddress, String keyFingerprint) throws IOException {
    record(
        "session-start",
        "{\"protocol\":\"ssh\",\"identity\":"
            + JsonText.quote(plan.identity())
            + ",\"connection\":"
            + JsonText.quote(plan.connection())
            + ",\"client\":"
            + JsonText.quote(clientAddress)
            + (keyFingerprint == null ? "" : ",\"key\":" + JsonText.quote(keyFingerprint))
            + ",\"target\":"
            + JsonText.quote(plan.target().username() + "@" + plan.target().host())
            + ",\"policy\":"
            + JsonText.quote(plan.policyName())
            + ",\"t\":"
            + offset()
            + "}",
        null,
        null);
  }

  /** Keeps the state on the session, registers it as live, and arranges its end. */
  void attach(
      ServerSession session,
      LiveSessions live,
      ScheduledExecutorService timers,
      Consumer<SessionOutcome> closer) {
    session.setAttribute(KEY, this);
    live.add(
        new LiveSessions.Entry(
            plan.sessionId(),
            plan.identity(),
            plan.connection(),
            "ssh",
            startedAt,
            plan.grantId(),
            new LiveSessions.Terminable() {
              @Override
              public void terminate(String reason) {
                SshSessionState.this.terminate(session, "terminated", reason);
              }

              @Override
              public void warn(String message) {
                SshSessionState.this.warn(message);
              }
            }));
    session.addCloseFutureListener(f -> end(live, closer));
    long delay = Duration.between(clock.instant(), plan.accessExpiresAt()).toMillis();
    expiry =
        timers.schedule(
            () ->
                terminate(
                    session,
                    "expired",
                    "access expired at "
                        + plan.accessExpiresAt()
                        + "; log in"
                        + " again with a new token or grant"),
            Math.max(0, delay),
            TimeUnit.MILLISECONDS);
  }

  /** A forwarded connection is relayed; {@code cut} ends it and records its end at once. */
  void forwardRelaying(Object forward, Runnable cut) {
    liveForwards.put(forward, cut);
    if (cutting) {
      cut.run(); // the session is ending: it does not outlive it (a second cut does nothing)
    }
  }

  /** A forwarded connection's end is recorded. */
  void forwardEnded(Object forward) {
    liveForwards.remove(forward);
    synchronized (liveForwards) {
      liveForwards.notifyAll(); // see cutForwards()
    }
  }

  /** A channel's stderr to the client (not a file transfer's): where warnings are written. */
  void warnOn(OutputStream clientStderr) {
    clientErrors.add(clientStderr);
  }

  /**
   * Writes {@code message} on the stderr of every open interactive or exec channel (the OpenSSH
   * client prints it on the terminal; SSH_MSG_DEBUG it only shows with -v) and records it.
   */
  void warn(String message) {
    byte[] line = ("\r\ngatehouse: warning: " + message + "\r\n").getBytes(StandardCharsets.UTF_8);
    int told = 0;
    for (OutputStream err : clientErrors) {
      if (err instanceof java.nio.channels.Channel channel && !channel.isOpen()) {
        clientErrors.remove(err);
        continue;
      }
      try {
        err.write(line);
        err.flush();
        told++;
      } catch (IOException e) {
        clientErrors.remove(err);
      }
    }
    int channelsTold = told;
    LOG.info(
        () ->
            "Session "
                + plan.sessionId()
                + " warned on "
                + channelsTold
                + " channel(s): "
                + message);
    try {
      record(
          "grant-warning",
          "{\"message\":" + JsonText.quote(message) + ",\"t\":" + offset() + "}",
          null,
          null);
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not record the warning of " + plan.sessionId(), e);
    }
  }

  private void terminate(ServerSession session, String reason, String message) {
    endMessage = message;
    endReason = reason;
    LOG.info(() -> "Session " + plan.sessionId() + " " + reason + ": " + message);
    try {
      session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, "gatehouse: " + message);
    } catch (IOException e) {
      LOG.log(Level.FINE, "disconnect failed", e);
      session.close(true);
    }
  }

  /**
   * Ends the forwarded connections still relayed, recording each end before the session's: those
   * the target opened (a remote forward's connections, the agent's) close only when the target
   * closes them, which can be after the client left. One whose end another thread is recording
   * right now is waited for, briefly.
   */
  private void cutForwards() {
    cutting = true; // from here, one that starts relaying is cut as it registers
    for (Runnable cut : liveForwards.values()) {
      try {
        cut.run();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "ending a forwarded connection with its session failed", e);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    synchronized (liveForwards) {
      while (!liveForwards.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          liveForwards.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void end(LiveSessions live, Consumer<SessionOutcome> closer) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    ScheduledFuture<?> timer = expiry;
    if (timer != null) {
      timer.cancel(false);
    }
    live.remove(plan.sessionId());
    cutForwards();
    try {
      record(
          "session-end",
          "{\"reason\":"
              + JsonText.quote(endReason)
              + (endMessage == null ? "" : ",\"message\":" + JsonText.quote(endMessage))
              + ",\"commands\":"
              + commands.get()
              + ",\"blocked\":"
              + blocked.get()
              + ",\"t\":"
              + offset()
              + "}",
          null,
          null);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not record the end of " + plan.sessionId(), e);
    }
    closer.accept(
        new SessionOutcome(
            plan.sessionId(), clock.instant(), endReason, commands.get(), blocked.get(), 0));
  }
}
