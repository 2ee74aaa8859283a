package io.gatehouse.ssh.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class WindowCreditTest {

  /** Runs what it is given only when the test says so, recording that it did. */
  private static final class HeldExecutor implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      for (Runnable task; (task = tasks.poll()) != null; ) {
        task.run();
      }
    }
  }

  @Test
  void deliveredBytesAreGivenBackAQuarterWindowAtATimeOnTheExecutorNotTheCaller()
      throws IOException {
    List<Long> given = new ArrayList<>();
    HeldExecutor executor = new HeldExecutor();
    WindowCredit credit = new WindowCredit(given::add, 4 * 1000, "ch", executor);

    credit.release(600);
    credit.release(399);
    assertTrue(executor.tasks.isEmpty(), "999 bytes owed: less than a quarter of 4000");

    credit.release(1);
    assertEquals(1, executor.tasks.size(), "a quarter owed: one give-back queued");
    assertTrue(given.isEmpty(), "not given back on the thread that reported the delivery");
    executor.runAll();
    assertEquals(List.of(1000L), given);

    credit.release(32_768);
    credit.release(5);
    executor.runAll();
    assertEquals(List.of(1000L, 32_768L), given, "a batch is all that is owed, then owed restarts");
    credit.release(995);
    executor.runAll();
    assertEquals(List.of(1000L, 32_768L, 1000L), given);
  }

  @Test
  void aGiveBackThatFailsBecauseTheSenderIsClosingIsNotRethrownOnTheExecutor() throws IOException {
    HeldExecutor executor = new HeldExecutor();
    List<String> attempts = new ArrayList<>();
    WindowCredit credit =
        new WindowCredit(
            bytes -> {
              attempts.add("release " + bytes);
              throw new IOException("channel closed");
            },
            400,
            "ch",
            executor);
    credit.release(100);
    executor.runAll();
    assertEquals(List.of("release 100"), attempts);
  }

  @Test
  void aRelayThatNoLongerTakesTasksIsReportedToTheQueueAsAFailedRelease() {
    Executor shutDown =
        task -> {
          throw new RejectedExecutionException("shut down");
        };
    WindowCredit credit = new WindowCredit(bytes -> {}, 400, "ch", shutDown);
    IOException e = assertThrows(IOException.class, () -> credit.release(100));
    assertTrue(e.getMessage().contains("window not reopened"), e.getMessage());
  }
}
