package io.gatehouse.control.infrastructure.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookBreakersTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final String DEAD = "https://hooks.example.com/dead";
  static final String ALIVE = "https://hooks.example.com/alive";

  @Test
  void aDeadWebhookIsLeftAloneWithoutHoldingBackAnother() {
    WebhookBreakers breakers = new WebhookBreakers();
    assertFalse(breakers.failed(DEAD, T0), "one failure does not open");
    assertTrue(breakers.allows(DEAD, T0), "still tried");
    assertTrue(breakers.failed(DEAD, T0), "the second in a row opens");
    assertFalse(breakers.allows(DEAD, T0.plusSeconds(29)), "open for 30 s");
    assertEquals(T0.plus(WebhookBreakers.OPEN), breakers.retryAt(DEAD, T0), "until then");
    assertTrue(breakers.allows(ALIVE, T0), "another webhook is not held back");

    assertTrue(breakers.allows(DEAD, T0.plus(WebhookBreakers.OPEN)), "half open after");
    assertTrue(breakers.failed(DEAD, T0.plusSeconds(30)), "a failed trial opens it again");
    assertFalse(breakers.allows(DEAD, T0.plusSeconds(31)), "open again");
    breakers.succeeded(DEAD);
    assertTrue(breakers.allows(DEAD, T0.plusSeconds(31)), "a success closes it");
    assertFalse(breakers.failed(DEAD, T0.plusSeconds(31)), "and the count starts over");
  }
}
