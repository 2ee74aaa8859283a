package io.gatehouse.ssh.relay;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * One direction of a transfer channel, forwarded without a thread: each piece of channel data that
 * arrives (on MINA's I/O thread) is copied once and written to the other leg's asynchronous channel
 * stream, one write at a time, in order. When a piece has been written (the receiving peer's window
 * allowed it), its {@link Release} runs: the sending leg's window is only reopened then, so the
 * bytes held here never exceed the window the gateway granted the sender, and a receiver that does
 * not read throttles the sender end to end.
 */
final class ForwardQueue {

  /** Reopens the sender's window by the bytes just delivered. */
  @FunctionalInterface
  interface Release {
    void release(long bytes) throws IOException;
  }

  private record Piece(byte[] bytes, Release release) {}

  private final IoOutputStream to;
  private final Consumer<Throwable> failed;
  private final ArrayDeque<Piece> pending = new ArrayDeque<>();
  private final CompletableFuture<Void> drainedAtEnd = new CompletableFuture<>();
  private boolean writing;
  private boolean ending;
  private Runnable atEnd;
  private boolean broken;

  /**
   * @param to the receiving leg's channel stream
   * @param failed told once when a write fails (the channel is gone); later pieces are dropped
   */
  ForwardQueue(IoOutputStream to, Consumer<Throwable> failed) {
    this.to = to;
    this.failed = failed;
  }

  /** Queues a copy of {@code bytes[off, off + len)}; {@code release} (or null) runs once sent. */
  void offer(byte[] bytes, int off, int len, Release release) {
    if (len <= 0) {
      return;
    }
    Piece piece = new Piece(Arrays.copyOfRange(bytes, off, off + len), release);
    synchronized (this) {
      if (broken || ending) {
        return;
      }
      pending.add(piece);
      if (writing) {
        return;
      }
      writing = true;
    }
    pump();
  }

  /** No more pieces: {@code then} runs (once) when everything queued has been written. */
  void end(Runnable then) {
    synchronized (this) {
      if (ending) {
        return;
      }
      ending = true;
      atEnd = then;
      if (writing) {
        return;
      }
      writing = true;
    }
    pump();
  }

  /** Waits until {@link #end} was called and everything queued was written (or failed). */
  void awaitEnd(Duration timeout) {
    try {
      drainedAtEnd.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Gone or slow: the channel is closing either way.
    }
  }

  synchronized boolean isBroken() {
    return broken;
  }

  // Runs by whoever set 'writing'; a write that completes at once loops here instead of recursing.
  private void pump() {
    while (true) {
      Piece next;
      Runnable done = null;
      synchronized (this) {
        next = broken ? null : pending.poll();
        if (next == null) {
          writing = false;
          if (ending && !drainedAtEnd.isDone()) {
            done = atEnd;
            drainedAtEnd.complete(null);
          }
        }
      }
      if (next == null) {
        if (done != null) {
          done.run();
        }
        return;
      }
      IoWriteFuture future;
      try {
        future = to.writeBuffer(new ByteArrayBuffer(next.bytes()));
      } catch (IOException | RuntimeException e) {
        fail(e);
        return;
      }
      if (future.isDone()) {
        if (!written(future, next)) {
          return;
        }
        continue;
      }
      Piece sent = next;
      future.addListener(
          f -> {
            if (written(f, sent)) {
              pump();
            }
          });
      return;
    }
  }

  private boolean written(IoWriteFuture future, Piece piece) {
    if (!future.isWritten()) {
      Throwable why = future.getException();
      fail(why == null ? new IOException("channel write not completed") : why);
      return false;
    }
    if (piece.release() != null) {
      try {
        piece.release().release(piece.bytes().length);
      } catch (IOException | RuntimeException e) {
        fail(e);
        return false;
      }
    }
    return true;
  }

  private void fail(Throwable why) {
    synchronized (this) {
      if (broken) {
        return;
      }
      broken = true;
      writing = false;
      pending.clear();
      drainedAtEnd.complete(null);
    }
    failed.accept(why);
  }
}
