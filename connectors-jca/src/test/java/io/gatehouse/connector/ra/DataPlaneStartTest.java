package io.gatehouse.connector.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.policy.SessionTimeouts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data plane that fails to start leaves nothing running over its spool. */
class DataPlaneStartTest {

  @TempDir Path dir;

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
        dir.resolve("hostkeys").toString(),
        300,
        10,
        5);
  }

  @Test
  void aFailedStartStopsTheShipperItStarted() throws Exception {
    try (ExecutorWorkManager work = new ExecutorWorkManager();
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
