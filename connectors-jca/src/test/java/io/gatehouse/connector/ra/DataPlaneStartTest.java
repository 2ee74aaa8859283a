package io.gatehouse.connector.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.policy.SessionTimeouts;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data plane that fails to start leaves nothing running over its spool. */
class DataPlaneStartTest {

  @TempDir Path dir;

  /** Counts the work items still running. */
  static final class CountingWorkManager implements WorkManager, AutoCloseable {
    final AtomicInteger running = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();

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
    public long startWork(Work w, long timeout, ExecutionContext c, WorkListener l) {
      return startWork(w);
    }

    @Override
    public void doWork(Work work) {
      work.run();
    }

    @Override
    public void doWork(Work w, long timeout, ExecutionContext c, WorkListener l) {
      w.run();
    }

    @Override
    public void scheduleWork(Work work) {
      startWork(work);
    }

    @Override
    public void scheduleWork(Work w, long timeout, ExecutionContext c, WorkListener l) {
      startWork(w);
    }

    @Override
    public void close() {
      threads.shutdownNow();
    }
  }

  private DataPlane.Settings settings(int sshPort) {
    return new DataPlane.Settings(
        "127.0.0.1",
        0,
        10,
        5000,
        new SessionTimeouts(0, 0),
        "",
        "",
        dir.resolve("spool").toString(),
        false,
        sshPort,
        dir.resolve("hostkeys").toString());
  }

  @Test
  void aFailedStartStopsTheShipperItStarted() throws Exception {
    try (CountingWorkManager work = new CountingWorkManager();
        ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThrows(
          Exception.class,
          () ->
              DataPlane.start(
                  settings(busy.getLocalPort()),
                  work,
                  new ControlPlaneEndpoint(),
                  new LiveSessions()));
      for (int i = 0; i < 100 && work.running.get() > 0; i++) {
        Thread.sleep(50);
      }
      assertEquals(0, work.running.get(), "no shipper left running over the spool");

      DataPlane started =
          DataPlane.start(settings(0), work, new ControlPlaneEndpoint(), new LiveSessions());
      assertEquals(1, work.running.get(), "the next start's shipper, alone");
      started.stop();
    }
  }
}
