package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ships the spool to the store in batches, in order, until stopped. A failed batch is retried with
 * backoff; nothing is marked shipped until the store has taken it. Runs as the body of a
 * work-manager thread.
 */
public final class SpoolShipper implements Runnable {

  private static final Logger LOG = Logger.getLogger(SpoolShipper.class.getName());

  /** Where batches go: the control plane's idempotent store. */
  @FunctionalInterface
  public interface Sink {
    void store(List<RecordedEvent> events) throws Exception;
  }

  private final EventSpool spool;
  private final Sink sink;
  private final int batchSize;
  private final Duration idleWait;
  private final Clock clock;
  private volatile boolean running = true;
  private volatile Instant lastSuccess;
  private volatile String lastError;

  public SpoolShipper(EventSpool spool, Sink sink, int batchSize, Duration idleWait, Clock clock) {
    this.spool = spool;
    this.sink = sink;
    this.batchSize = batchSize;
    this.idleWait = idleWait;
    this.clock = clock;
    this.lastSuccess = clock.instant();
  }

  @Override
  public void run() {
    long backoffMillis = idleWait.toMillis();
    while (running) {
      try {
        int shipped = shipOnce();
        if (shipped < batchSize) {
          // Nothing, or a partial batch: let the next one fill for the idle wait. The store's cost
          // is per transaction (one per session per batch: a row lock, the session's counters, a
          // commit) as much as per event, and it shares the machine with the data path; only a
          // backlog (full batches) ships back to back.
          pause(idleWait.toMillis());
        }
        backoffMillis = idleWait.toMillis();
      } catch (Exception e) {
        // One warning per outage (the first failure), then quiet retries until it recovers.
        Level level = lastError == null ? Level.WARNING : Level.FINE;
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.log(level, "Shipping recordings to the store failed; retrying: " + lastError);
        LOG.log(Level.FINE, "shipping failure", e);
        pause(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, 5_000);
      }
    }
  }

  /** Ships one batch; returns how many events it held. */
  public int shipOnce() throws Exception {
    EventSpool.Batch batch = spool.nextBatch(batchSize);
    if (batch.events().isEmpty()) {
      lastSuccess = clock.instant();
      return 0;
    }
    sink.store(batch.events());
    spool.markShipped(batch);
    lastSuccess = clock.instant();
    if (lastError != null) {
      LOG.info("Shipping recordings to the store works again");
    }
    lastError = null;
    return batch.events().size();
  }

  /** Whether the store took a batch (or there was nothing to ship) within {@code within}. */
  public boolean storeHealthy(Duration within) {
    return lastError == null || lastSuccess.plus(within).isAfter(clock.instant());
  }

  public String lastError() {
    return lastError;
  }

  public void stop() {
    running = false;
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
