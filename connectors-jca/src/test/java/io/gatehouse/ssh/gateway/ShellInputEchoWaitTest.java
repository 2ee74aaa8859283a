package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The echo wait at Enter is the configured one (gatehouse.ssh.echo.wait.millis). */
class ShellInputEchoWaitTest {

  /** Types "ls" and Enter; the target echoes "ls" after {@code echoAfterMillis}. */
  private static boolean lineCountsAsEchoed(long waitMillis, long echoAfterMillis)
      throws Exception {
    EchoWatch echo = new EchoWatch();
    List<Boolean> recorded = new CopyOnWriteArrayList<>();
    ShellInput input =
        new ShellInput(
            new ByteArrayInputStream("ls\r".getBytes(StandardCharsets.US_ASCII)),
            echo,
            null,
            (keys, echoed, startedAt) -> recorded.add(echoed),
            () -> "0",
            waitMillis);
    byte[] buffer = new byte[16];
    assertEquals(2, input.read(buffer, 0, buffer.length), "the keys before Enter go first");
    Thread target =
        new Thread(
            () -> {
              try {
                Thread.sleep(echoAfterMillis);
              } catch (InterruptedException e) {
                return;
              }
              echo.output("ls".getBytes(StandardCharsets.US_ASCII), 0, 2);
            });
    target.start();
    assertEquals(1, input.read(buffer, 0, buffer.length), "then Enter, once decided");
    assertEquals('\r', buffer[0]);
    target.join();
    assertEquals(1, recorded.size(), "the line recorded once: " + recorded);
    return recorded.get(0);
  }

  @Test
  void aSlowEchoCountsOnlyWithinTheConfiguredWait() throws Exception {
    assertTrue(lineCountsAsEchoed(3000, 300), "a 3 s wait sees an echo after 300 ms");
    assertFalse(
        lineCountsAsEchoed(50, 600), "a 50 ms wait does not: the line counts as typed blind");
  }
}
