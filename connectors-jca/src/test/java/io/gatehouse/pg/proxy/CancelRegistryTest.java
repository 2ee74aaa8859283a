package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A CancelRequest cancels exactly the session whose process id and secret it names. */
class CancelRegistryTest {

  final CancelRegistry registry = new CancelRegistry();
  final AtomicInteger firstCancelled = new AtomicInteger();
  final AtomicInteger secondCancelled = new AtomicInteger();
  final CancelRegistry.Key first = registry.register(firstCancelled::incrementAndGet);
  final CancelRegistry.Key second = registry.register(secondCancelled::incrementAndGet);

  @Test
  void eachSessionGetsItsOwnProcessId() {
    assertNotEquals(first.processId(), second.processId(), "distinct keys");
    assertTrue(first.processId() > 0 && second.processId() > 0, "positive, as PostgreSQL's are");
  }

  @Test
  void theRightKeyCancelsThatSessionOnly() {
    assertTrue(registry.cancel(second.processId(), second.secret()), "cancelled");
    assertEquals(1, secondCancelled.get(), "the named session");
    assertEquals(0, firstCancelled.get(), "not the other one");
  }

  @Test
  void aWrongSecretCancelsNothing() {
    assertFalse(registry.cancel(first.processId(), first.secret() + 1), "refused");
    assertFalse(registry.cancel(first.processId(), second.secret()), "another session's secret");
    assertEquals(0, firstCancelled.get() + secondCancelled.get(), "nothing cancelled");
  }

  @Test
  void anUnknownProcessIdCancelsNothing() {
    int unknown = 1;
    while (unknown == first.processId() || unknown == second.processId()) {
      unknown++;
    }
    assertFalse(registry.cancel(unknown, first.secret()), "refused");
    assertEquals(0, firstCancelled.get() + secondCancelled.get(), "nothing cancelled");
  }

  @Test
  void anUnregisteredSessionCannotBeCancelled() {
    registry.unregister(first);
    assertFalse(registry.cancel(first.processId(), first.secret()), "gone");
    assertEquals(0, firstCancelled.get(), "nothing cancelled");
  }

  @Test
  void unregisteringNeedsTheSecretToo() {
    registry.unregister(new CancelRegistry.Key(first.processId(), first.secret() + 1));
    assertTrue(registry.cancel(first.processId(), first.secret()), "still registered");
    assertEquals(1, firstCancelled.get(), "and cancellable");
  }
}
