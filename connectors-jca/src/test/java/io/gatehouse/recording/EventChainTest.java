package io.gatehouse.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventChainTest {

  private static final Instant AT = Instant.parse("2026-11-23T10:00:00.123456Z");

  @Test
  void theEncodingIsPinnedSoOtherVerifiersCanFollowTheDocument() {
    // Computed independently (Python hashlib) from the encoding documented in RECORDINGS.md.
    assertEquals(
        "dd9e2f4d9c31d671ac1cf6e5da83889f1334ca6fe2a5db7029617ac55eb6b221",
        EventChain.hash(EventChain.GENESIS, "s", 1, AT, "statement", "{}", "allow", null));
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    assertNotEquals(
        EventChain.hash(EventChain.GENESIS, "s", 1, AT, "statement", "ab", "c", null),
        EventChain.hash(EventChain.GENESIS, "s", 1, AT, "statement", "a", "bc", null),
        "length prefixes keep 'ab'+'c' apart from 'a'+'bc'");
    assertNotEquals(
        EventChain.hash(EventChain.GENESIS, "s", 1, AT, "statement", "{}", null, null),
        EventChain.hash(EventChain.GENESIS, "s", 1, AT, "statement", "{}", "", null),
        "null and empty differ");
    assertNotEquals(
        EventChain.hash(EventChain.GENESIS, "s-1", 1, AT, "t", "{}", null, null),
        EventChain.hash(EventChain.GENESIS, "s-2", 1, AT, "t", "{}", null, null),
        "the session id binds the chain to its session");
  }

  @Test
  void timestampsAreCutToMicrosecondsThatEveryStoreKeeps() {
    assertEquals(
        Instant.parse("2026-11-23T10:00:00.123456Z"),
        EventChain.recordable(Instant.parse("2026-11-23T10:00:00.123456789Z")));
  }

  @Test
  void aMalformedPreviousHashIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> EventChain.hash("ABC", "s", 1, AT, "t", "{}", null, null),
        "not 64 lowercase hex digits");
  }
}
