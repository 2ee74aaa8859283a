package io.gatehouse.connector.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A listener port that is busy at start is retried for a while, then refused by name. */
class TcpListenerBindTest {

  @Test
  void aPortFreedWhileRetryingIsBound() throws Exception {
    ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), busy.getLocalPort());
    Thread release =
        new Thread(
            () -> {
              try {
                Thread.sleep(700);
                busy.close();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    release.start();
    try (ServerSocket bound = TcpListener.bindPatiently(address, Duration.ofSeconds(20))) {
      assertEquals(address.getPort(), bound.getLocalPort());
    }
    release.join();
  }

  @Test
  void aPortThatStaysBusyFailsNamingItAfterThePatience() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), busy.getLocalPort());
      long start = System.nanoTime();
      BindException e =
          assertThrows(
              BindException.class,
              () -> TcpListener.bindPatiently(address, Duration.ofMillis(1200)));
      assertTrue(System.nanoTime() - start >= 1_000_000_000L, "retried for the patience");
      assertTrue(e.getMessage().contains(":" + address.getPort()), e.getMessage());
      assertTrue(e.getMessage().contains("is another server listening there?"), e.getMessage());
    }
  }
}
