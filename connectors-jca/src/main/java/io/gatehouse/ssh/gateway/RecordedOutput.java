package io.gatehouse.ssh.gateway;

import io.gatehouse.masking.StreamingTextMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Terminal output on its way to the client: masked (when the plan masks), recorded, then written,
 * so nothing reaches the client that is not already in the spool, and no secret the masker
 * recognises reaches either. The masker holds back an unfinished line; it is released after {@link
 * #IDLE_MILLIS} without new output, so prompts and echoed keys are not delayed further.
 */
final class RecordedOutput extends OutputStream {

  static final long IDLE_MILLIS = 60;

  private static final Logger LOG = Logger.getLogger(RecordedOutput.class.getName());

  /** Records a piece of output text before it is sent. */
  @FunctionalInterface
  interface Sink {
    void record(String text) throws IOException;
  }

  private final OutputStream client;
  private final StreamingTextMasker masker;
  private final Sink sink;
  private final ScheduledExecutorService timers;
  private final Utf8Chunks text = new Utf8Chunks();
  private ScheduledFuture<?> idleFlush;
  private boolean closed;

  /**
   * @param masker null when nothing is masked
   */
  RecordedOutput(
      OutputStream client, StreamingTextMasker masker, Sink sink, ScheduledExecutorService timers) {
    this.client = client;
    this.masker = masker;
    this.sink = sink;
    this.timers = timers;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int off, int len) throws IOException {
    if (masker == null) {
      emit(bytes, off, len);
      return;
    }
    byte[] released = masker.accept(bytes, off, len);
    emit(released, 0, released.length);
    if (masker.heldBytes() > 0 && idleFlush == null && !closed) {
      idleFlush = timers.schedule(this::releaseIdle, IDLE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    client.flush();
  }

  /** Releases what the masker holds: at the channel's end. */
  synchronized void release() throws IOException {
    if (idleFlush != null) {
      idleFlush.cancel(false);
      idleFlush = null;
    }
    if (masker != null && masker.heldBytes() > 0) {
      byte[] rest = masker.flush();
      emit(rest, 0, rest.length);
    }
  }

  /** Releases held output and stops the idle timer; the client stream is left to the channel. */
  synchronized void finish() {
    try {
      release();
    } catch (IOException e) {
      LOG.log(Level.FINE, "held output could not be released", e);
    }
    closed = true;
  }

  private void releaseIdle() {
    synchronized (this) {
      idleFlush = null;
      if (closed) {
        return;
      }
      try {
        release();
      } catch (IOException e) {
        LOG.log(Level.FINE, "idle release of held output failed", e);
      }
    }
  }

  private void emit(byte[] bytes, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    String decoded = text.decode(bytes, off, len);
    if (!decoded.isEmpty()) {
      sink.record(decoded);
    }
    client.write(bytes, off, len);
    client.flush();
  }
}
