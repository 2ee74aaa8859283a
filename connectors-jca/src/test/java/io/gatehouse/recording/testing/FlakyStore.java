package io.gatehouse.recording.testing;

import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolShipper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store that takes every batch while up and refuses it (connection refused) while down, shipped
 * to by a real {@link SpoolShipper} on a thread of its own: the strict-recording tests' store.
 */
public final class FlakyStore implements AutoCloseable {

  private final AtomicBoolean up = new AtomicBoolean(true);
  private final SpoolShipper shipper;
  private final Thread shipping;

  public FlakyStore(EventSpool spool, Clock clock) {
    shipper =
        new SpoolShipper(
            spool,
            events -> {
              if (!up.get()) {
                throw new java.net.ConnectException("Connection refused");
              }
            },
            100,
            Duration.ofMillis(10),
            clock);
    shipping = new Thread(shipper, "test-shipper");
    shipping.start();
  }

  public SpoolShipper shipper() {
    return shipper;
  }

  public void up(boolean isUp) {
    up.set(isUp);
  }

  @Override
  public void close() throws InterruptedException {
    shipper.stop();
    shipping.join(10_000);
  }
}
