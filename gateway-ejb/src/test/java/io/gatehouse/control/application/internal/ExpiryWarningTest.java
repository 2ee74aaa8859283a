package io.gatehouse.control.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpiryWarningTest {

  @Test
  void leadIsTheSmallerOfSecondsAndFraction() {
    ExpiryWarning w = new ExpiryWarning(300, 0.2);
    assertEquals(Duration.ofMinutes(5), w.lead(Duration.ofHours(8)), "capped by seconds");
    assertEquals(Duration.ofSeconds(12), w.lead(Duration.ofMinutes(1)), "a fifth of a minute");
    assertEquals(Duration.ZERO, w.lead(Duration.ofSeconds(4)), "under a second: no warning");
    assertEquals(Duration.ZERO, new ExpiryWarning(0, 0.2).lead(Duration.ofHours(1)), "off");
    assertThrows(IllegalArgumentException.class, () -> new ExpiryWarning(-1, 0.2), "seconds");
    assertThrows(IllegalArgumentException.class, () -> new ExpiryWarning(300, 1.5), "fraction");
  }

  @Test
  void timeLeftReadsNaturally() {
    assertEquals("1 second", ExpiryWarning.human(Duration.ofMillis(900)), "rounded");
    assertEquals(
        "90 seconds", ExpiryWarning.human(Duration.ofSeconds(90)), "seconds under two minutes");
    assertEquals("5 minutes", ExpiryWarning.human(Duration.ofSeconds(300)), "minutes");
    assertEquals("60 minutes", ExpiryWarning.human(Duration.ofSeconds(3599)), "rounded minutes");
  }
}
