package io.gatehouse.connector.ra;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A work manager over a cached thread pool, standing in for the container's in unit tests. */
public final class ExecutorWorkManager implements WorkManager, AutoCloseable {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @Override
  public void doWork(Work work) {
    work.run();
  }

  @Override
  public void doWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
    work.run();
  }

  /** Work items started and not yet returned. */
  final java.util.concurrent.atomic.AtomicInteger running =
      new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public long startWork(Work work) {
    running.incrementAndGet();
    threads.execute(
        () -> {
          try {
            work.run();
          } finally {
            running.decrementAndGet();
          }
        });
    return 0;
  }

  @Override
  public long startWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
    return startWork(work);
  }

  @Override
  public void scheduleWork(Work work) {
    threads.execute(work);
  }

  @Override
  public void scheduleWork(
      Work work, long timeout, ExecutionContext context, WorkListener listener) {
    threads.execute(work);
  }

  /** As an {@link java.util.concurrent.Executor}, for code that takes one. */
  public void scheduleWork0(Runnable task) {
    threads.execute(task);
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
