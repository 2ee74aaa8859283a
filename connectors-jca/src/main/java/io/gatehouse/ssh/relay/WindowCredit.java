package io.gatehouse.ssh.relay;

import java.io.IOException;
import org.apache.sshd.common.channel.LocalWindow;

/**
 * Reopens a channel's window in batches: MINA's {@link LocalWindow#release} sends a window
 * adjustment as soon as more than half a packet was released, which on a bulk transfer relayed a
 * packet at a time meant one SSH_MSG_CHANNEL_WINDOW_ADJUST (encrypted, written, read and decrypted
 * by the peer) for every 32 KiB data packet, on both legs. Here delivered bytes are owed to the
 * sender until a quarter of the window is owed, then given back at once (OpenSSH adjusts when half
 * is consumed). Never more than a quarter of the window is held back, so a sender waiting for
 * window always finds the rest of it in flight, and its delivery reopens the window.
 */
final class WindowCredit implements ForwardQueue.Release {

  private final LocalWindow window;
  private final long batch;
  private long owed;

  WindowCredit(LocalWindow window) {
    this.window = window;
    this.batch = Math.max(1, window.getMaxSize() / 4);
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
    window.release(give);
  }
}
