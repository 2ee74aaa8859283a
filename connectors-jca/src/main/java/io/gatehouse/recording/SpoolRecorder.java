package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One session's recorder: numbers its events 1, 2, 3 …, chains each to the one before ({@link
 * EventChain}) and appends them to the spool, so the chain covers exactly what was recorded. In
 * {@code strict} mode an event that cannot be spooled, or a store that has not taken a batch for
 * too long, fails the call, so the statement it describes is not forwarded; in {@code best-effort}
 * mode the failure is logged, the session marked, and work goes on.
 */
public final class SpoolRecorder {

  private static final Logger LOG = Logger.getLogger(SpoolRecorder.class.getName());

  /**
   * How long the store may refuse batches before strict sessions stop: 30 s, or the system property
   * {@code gatehouse.recording.storeGraceSeconds}.
   */
  public static final Duration STORE_GRACE =
      Duration.ofSeconds(Long.getLong("gatehouse.recording.storeGraceSeconds", 30));

  /** A strict session's event that cannot be recorded: what it describes must not happen. */
  public static final class RecordingUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    RecordingUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final String sessionId;
  private final EventSpool spool;
  private final SpoolShipper shipper;
  private final boolean strict;
  private final Clock clock;
  private long sequence;
  private String head = EventChain.GENESIS;
  private volatile boolean degraded;
  // The spool ticket of this session's first deferred event not yet synced; 0: none.
  private long firstUnsynced;

  public SpoolRecorder(
      String sessionId, EventSpool spool, SpoolShipper shipper, boolean strict, Clock clock) {
    this.sessionId = sessionId;
    this.spool = spool;
    this.shipper = shipper;
    this.strict = strict;
    this.clock = clock;
  }

  /**
   * Records one event.
   *
   * @throws IOException in strict mode when the event cannot be made durable
   */
  public void record(String type, String payloadJson, String decision, String ruleId)
      throws IOException {
    record(type, payloadJson, decision, ruleId, true);
  }

  /**
   * Records one event in the spool's next write ({@link EventSpool#appendLater}): the caller must
   * {@link #sync} before it forwards anything the event describes.
   *
   * @throws IOException in strict mode when the store has been unavailable too long, or when the
   *     spool's write (made now because enough was waiting) fails
   */
  public void recordLater(String type, String payloadJson, String decision, String ruleId)
      throws IOException {
    record(type, payloadJson, decision, ruleId, false);
  }

  /**
   * Makes this session's deferred events durable (with any other session's that wait).
   *
   * @throws IOException in strict mode when the spool cannot be written
   */
  public void sync() throws IOException {
    long first;
    synchronized (this) {
      first = firstUnsynced;
      firstUnsynced = 0;
    }
    if (first == 0) {
      return; // nothing of this session's waits (another session's sync wrote it, or none)
    }
    try {
      spool.syncFrom(first);
    } catch (IOException e) {
      failed(e);
    }
  }

  // Synchronized: numbering, chaining and appending must happen in one order.
  private synchronized void record(
      String type, String payloadJson, String decision, String ruleId, boolean now)
      throws IOException {
    if (strict && shipper != null && !shipper.storeHealthy(STORE_GRACE)) {
      throw new RecordingUnavailableException(
          "the recording store is unavailable and this connection's policy records strictly", null);
    }
    // A best-effort event that fails to spool still takes its number and its place in the
    // chain: verification then names it as missing instead of the loss going unseen.
    RecordedEvent event =
        EventChain.link(
            head,
            sessionId,
            ++sequence,
            EventChain.recordable(clock.instant()),
            type,
            payloadJson,
            decision,
            ruleId);
    head = event.hash();
    try {
      long ticket = spool.appendLater(event);
      if (firstUnsynced == 0) {
        firstUnsynced = ticket;
      }
      if (now) {
        long first = firstUnsynced;
        firstUnsynced = 0;
        spool.syncFrom(first);
      }
    } catch (IOException e) {
      firstUnsynced = 0; // the loss is reported here, once
      failed(e);
    }
  }

  private void failed(IOException e) throws IOException {
    if (strict) {
      throw new RecordingUnavailableException(
          "the recording spool cannot be written: " + e.getMessage(), e);
    }
    if (!degraded) {
      LOG.log(Level.SEVERE, "Session " + sessionId + " continues unrecorded (best-effort)", e);
    }
    degraded = true;
  }

  /** True once a best-effort session lost an event. */
  public boolean degraded() {
    return degraded;
  }
}
