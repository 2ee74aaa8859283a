package io.gatehouse.connector.ra;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The adapter's session threads: one per relay direction of a live session, created on demand, kept
 * a minute when idle, bounded by the listeners' connection limits. Small stacks, since a relay's
 * frames are shallow.
 */
final class SessionThreads {

  private static final long STACK_BYTES = 256 * 1024;

  private SessionThreads() {}

  static ExecutorService create(String name, int maxThreads) {
    AtomicInteger counter = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        maxThreads,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread =
              new Thread(null, runnable, name + "-" + counter.incrementAndGet(), STACK_BYTES);
          thread.setDaemon(true);
          return thread;
        });
  }
}
