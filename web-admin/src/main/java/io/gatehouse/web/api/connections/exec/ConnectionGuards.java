package io.gatehouse.web.api.connections.exec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A bulkhead and a circuit breaker for each connection's target, which MicroProfile Fault Tolerance
 * cannot give (its annotations guard a method, shared by every connection): an agent flooding one
 * connection, or one target being down, must not refuse calls to the others.
 *
 * <p>Bulkhead: at most {@code gatehouse.exec.concurrent.per.connection} calls (4 by default) run on
 * one connection at once; one more is refused at once (503, no queue). Breaker: after {@code
 * gatehouse.exec.breaker.failures} consecutive calls (3) found the target unreachable, calls to
 * that connection are refused for {@code gatehouse.exec.breaker.open.seconds} (30); then one trial
 * call goes through, and its outcome closes the breaker or opens it again. A refused command, a
 * hold or a timeout is not a failure of the target.
 */
@ApplicationScoped
public class ConnectionGuards {

  @Inject
  @ConfigProperty(name = "gatehouse.exec.concurrent.per.connection", defaultValue = "4")
  int concurrent;

  @Inject
  @ConfigProperty(name = "gatehouse.exec.breaker.failures", defaultValue = "3")
  int failures;

  @Inject
  @ConfigProperty(name = "gatehouse.exec.breaker.open.seconds", defaultValue = "30")
  int openSeconds;

  Clock clock = Clock.systemUTC();

  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
  private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

  /** Why a call was not let through, and when to try again. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    Refused(String message, long retryAfterSeconds) {
      super(message, null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** One admitted call; report its outcome, then close it. */
  public final class Lease implements AutoCloseable {
    private final String connection;
    private final Semaphore semaphore;
    private boolean closed;
    private volatile boolean reported;

    private Lease(String connection, Semaphore semaphore) {
      this.connection = connection;
      this.semaphore = semaphore;
    }

    /** The target answered (whatever the command's fate). */
    public void reached() {
      reported = true;
      breaker(connection).success();
    }

    /** The target could not be reached. */
    public void unreachable() {
      reported = true;
      breaker(connection)
          .failure(clock.instant(), failures, Duration.ofSeconds(Math.max(1, openSeconds)));
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        semaphore.release();
        if (!reported) {
          breaker(connection).abandonTrial();
        }
      }
    }
  }

  /**
   * Admits a call to {@code connection}'s target.
   *
   * @throws Refused when the connection's breaker is open or its bulkhead is full
   */
  public Lease enter(String connection) throws Refused {
    Duration wait = breaker(connection).refusal(clock.instant());
    if (wait != null) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      throw new Refused(
          "the target of connection \""
              + connection
              + "\" was unreachable on the last "
              + failures
              + " calls; calls to it are refused for "
              + seconds
              + " s more (other connections are not affected)",
          seconds);
    }
    Semaphore semaphore =
        permits.computeIfAbsent(connection, c -> new Semaphore(Math.max(1, concurrent)));
    if (!semaphore.tryAcquire()) {
      breaker(connection).abandonTrial();
      throw new Refused(
          "connection \""
              + connection
              + "\" is busy: the most exec calls it may run at once ("
              + Math.max(1, concurrent)
              + ", gatehouse.exec.concurrent.per.connection) are running; try again shortly",
          1);
    }
    return new Lease(connection, semaphore);
  }

  private Breaker breaker(String connection) {
    return breakers.computeIfAbsent(connection, c -> new Breaker());
  }

  /** Closed, open until a time, or half open (one trial call out). */
  static final class Breaker {
    private int consecutive;
    private Instant openUntil;
    private boolean trialOut;

    /** Null when a call may go; else how long until one may. */
    synchronized Duration refusal(Instant now) {
      if (openUntil == null) {
        return null;
      }
      if (now.isBefore(openUntil)) {
        return Duration.between(now, openUntil);
      }
      if (trialOut) {
        return Duration.ofSeconds(1);
      }
      trialOut = true;
      return null;
    }

    synchronized void abandonTrial() {
      trialOut = false;
    }

    synchronized void success() {
      consecutive = 0;
      openUntil = null;
      trialOut = false;
    }

    synchronized void failure(Instant now, int threshold, Duration open) {
      consecutive++;
      trialOut = false;
      if (consecutive >= Math.max(1, threshold)) {
        openUntil = now.plus(open);
      }
    }
  }
}
