package io.gatehouse.ssh.relay;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.channel.LocalWindow;

/**
 * Reopens a channel's window in batches: MINA's {@link LocalWindow#release} sends a window
 * adjustment as soon as more than half a packet was released, which on a bulk transfer relayed a
 * packet at a time meant one SSH_MSG_CHANNEL_WINDOW_ADJUST (encrypted, written, read and decrypted
 * by the peer) for every 32 KiB data packet, on both legs. Here delivered bytes are owed to the
 * sender until a quarter of the window is owed, then given back at once (OpenSSH adjusts when half
 * is consumed). Never more than a quarter of the window is held back, so a sender waiting for
 * window always finds the rest of it in flight, and its delivery reopens the window.
 *
 * <p>The batch is given back on {@code executor}, not on the calling thread. Deliveries are
 * reported from the completion of a write to the <em>other</em> leg, and with the listener and the
 * target clients on one I/O group ({@link io.gatehouse.ssh.server.SharedIoGroup}) that completion
 * can run inside MINA's write to that leg, holding its session lock; writing the adjustment to the
 * sender's session there would take the two legs' locks in one order on this thread and in the
 * other order on the thread relaying the opposite direction. Once per quarter window, the hand-off
 * costs nothing measurable.
 */
final class WindowCredit implements ForwardQueue.Release {

  private static final Logger LOG = Logger.getLogger(WindowCredit.class.getName());

  /** Gives bytes back to the sender's window (MINA's {@link LocalWindow#release}). */
  @FunctionalInterface
  interface Window {
    void release(long bytes) throws IOException;
  }

  private final Window window;
  private final String name;
  private final Executor executor;
  private final long batch;
  private long owed;

  WindowCredit(LocalWindow window, Executor executor) {
    this(window::release, window.getMaxSize(), String.valueOf(window.getChannel()), executor);
  }

  /**
   * @param maxSize the window's full size; a quarter of it is given back at a time
   * @param name the channel, for the log
   */
  WindowCredit(Window window, long maxSize, String name, Executor executor) {
    this.window = window;
    this.name = name;
    this.executor = executor;
    this.batch = Math.max(1, maxSize / 4);
  }

  @Override
  public void release(long bytes) throws IOException {
    long give;
    synchronized (this) {
      owed += bytes;
      if (owed < batch) {
        return;
      }
      give = owed;
      owed = 0;
    }
    try {
      executor.execute(() -> giveBack(give));
    } catch (RejectedExecutionException e) {
      throw new IOException("the relay is shutting down; window not reopened", e);
    }
  }

  private void giveBack(long bytes) {
    try {
      window.release(bytes);
    } catch (IOException | RuntimeException e) {
      // The sender's channel is closing: there is no one left to give the window to.
      LOG.log(Level.FINE, "reopening the window of " + name + " failed", e);
    }
  }
}
