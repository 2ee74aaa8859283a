package io.gatehouse.web.proxy;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies bytes both ways between a caller's switched connection and the target's, after a 101. Each
 * direction is one blocking pump with a fixed buffer: it reads again only once the other side has
 * taken the last write, so a fast sender cannot flood a slow receiver. When either side ends, both
 * are closed.
 *
 * <p>Threads come from a private daemon pool; inside Liberty they should come from a managed
 * executor (left to the wiring).
 */
final class ByteRelay implements Closeable {

  private static final Logger LOG = Logger.getLogger(ByteRelay.class.getName());
  private static final ExecutorService PUMPS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "gatehouse-upgrade-relay");
            t.setDaemon(true);
            return t;
          });

  private final Socket target;
  private final InputStream fromTarget;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final RelayTap tap;
  private volatile AutoCloseable caller;
  private OutputStream toTarget;

  ByteRelay(Socket target, InputStream fromTarget, String description) {
    this(target, fromTarget, description, RelayTap.NONE);
  }

  /** With a tap that inspects, records or rewrites both directions. */
  ByteRelay(Socket target, InputStream fromTarget, String description, RelayTap tap) {
    this.target = target;
    this.fromTarget = fromTarget;
    this.description = description;
    this.tap = tap;
  }

  /**
   * Starts the target-to-caller pump on a relay thread; {@code callerConnection} is closed with the
   * relay. The caller-to-target direction is fed through {@link #toTarget()}.
   */
  void startFromTarget(OutputStream toCaller, AutoCloseable callerConnection) {
    this.caller = callerConnection;
    OutputStream out = tap.toCaller(toCaller);
    tap.attach(this::close);
    PUMPS.execute(() -> pump(fromTarget, out));
    LOG.fine(() -> "relay started: " + description);
  }

  /** Where the caller's bytes go; a blocking write, which is the back-pressure. */
  synchronized OutputStream toTarget() throws IOException {
    if (toTarget == null) {
      toTarget = tap.toTarget(target.getOutputStream());
    }
    return toTarget;
  }

  /** Copies a blocking caller stream to the target on a relay thread (containers that allow it). */
  void startFromCaller(InputStream fromCaller) throws IOException {
    OutputStream out = toTarget();
    PUMPS.execute(() -> pump(fromCaller, out));
  }

  private void pump(InputStream in, OutputStream out) {
    byte[] buffer = new byte[16 * 1024];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      if (!closed.get()) {
        LOG.log(Level.FINE, "relay " + description + " ended: " + e.getMessage());
      }
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.fine(() -> "relay closed: " + description);
    try {
      tap.close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "relay " + description + ": closing its recording failed", e);
    }
    try {
      target.close();
    } catch (IOException e) {
      LOG.log(Level.FINEST, "closing the target side", e);
    }
    AutoCloseable c = caller;
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.log(Level.FINEST, "closing the caller side", e);
      }
    }
  }
}
