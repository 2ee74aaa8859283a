package io.gatehouse.control.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.UnreadableEventsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventChunkCodecTest {

  private static final String SESSION = "7f1c2a9e-0000-4000-8000-000000000001";

  @Test
  void eventsComeBackExactlyWithNullsAndAwkwardText() {
    List<SessionEvent> events =
        List.of(
            event(1, "{\"sql\":\"SELECT 1\"}", "allow", null, null, "a".repeat(64)),
            event(2, "", null, null, "a".repeat(64), "b".repeat(64)),
            event(3, null, "block", "no-drop", "b".repeat(64), "c".repeat(64)),
            event(4, "12:34:~\n~5:abc 😀 \u0000 \\\"", "review", "r:1", "c", "d"),
            event(5, "~", "allow", "~", "~", "~"));
    String text = EventChunkCodec.text(events);
    assertTrue(text.startsWith(EventChunkCodec.FORMAT), text);
    assertSame(events, EventChunkCodec.decode(SESSION, 1, 5, text));
  }

  @Test
  void randomPayloadsRoundTrip() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<SessionEvent> events = new ArrayList<>();
      int n = 1 + random.nextInt(20);
      long first = 1 + random.nextInt(1000);
      for (int i = 0; i < n; i++) {
        StringBuilder payload = new StringBuilder();
        int length = random.nextInt(40);
        for (int c = 0; c < length; c++) {
          payload.append(
              random.nextBoolean()
                  ? "0123456789:~{}\"\n".charAt(random.nextInt(16))
                  : (char) (0x20 + random.nextInt(0x2fe0)));
        }
        events.add(
            event(
                first + i,
                random.nextInt(10) == 0 ? null : payload.toString(),
                random.nextBoolean() ? "allow" : null,
                random.nextBoolean() ? "rule-" + i : null,
                "p" + i,
                "h" + i));
      }
      String text = EventChunkCodec.text(events);
      assertSame(events, EventChunkCodec.decode(SESSION, first, first + n - 1, text));
    }
  }

  @Test
  void storedAsUtf8() {
    List<SessionEvent> events = List.of(event(1, "ünïcode 😀 {\"a\":1}", "allow", null, "a", "b"));
    byte[] stored = EventChunkCodec.encode(events);
    assertEquals(
        EventChunkCodec.text(events), new String(stored, java.nio.charset.StandardCharsets.UTF_8));
    assertSame(events, EventChunkCodec.decode(SESSION, 1, 1, stored));
  }

  @Test
  void anEditThatKeepsTheFramingDecodesAsTheEditedEvent() {
    String text = EventChunkCodec.text(List.of(event(7, "SELECT 41", "allow", null, "a", "b")));
    List<SessionEvent> read =
        EventChunkCodec.decode(SESSION, 7, 7, text.replace("SELECT 41", "SELECT 42"));
    assertEquals("SELECT 42", read.get(0).payload(), "left to the hash chain to catch");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "gh-events-2\n",
        "gh-events-1\n1:1",
        "gh-events-1\n1:2",
        "gh-events-1\nx:1",
        "gh-events-1\n1:x",
        "gh-events-1\n99:1",
        "gh-events-1\n1234567890:1",
        "gh-events-1\n1:127:2026-12-03T10:00:00Z9:statement~~~~~",
        "gh-events-1\n1:120:2026-12-03T10:00:00.1Z9:statement~~~~",
        "gh-events-1\n1:120:2026-13-03T10:00:00.1Z9:statement~~~~~",
        "gh-events-1\n1:120:2026-12-03T10:00:00.1Z0:~~~~~",
        "gh-events-1\n1:120:2026-12-03T10:00:00.1Z9:statement~~~~~junk",
      })
  void brokenTextIsRefusedWithTheReason(String text) {
    UnreadableEventsException e =
        assertThrows(
            UnreadableEventsException.class, () -> EventChunkCodec.decode(SESSION, 1, 1, text));
    assertEquals(1, e.first());
    assertEquals(1, e.last());
    assertTrue(
        e.getMessage().startsWith("The stored events 1 to 1 of session " + SESSION),
        e.getMessage());
    assertTrue(e.why().length() > 10, e.why());
  }

  @Test
  void theRangeMustMatchTheEventsHeld() {
    String two =
        EventChunkCodec.text(
            List.of(event(1, "a", null, null, "x", "y"), event(2, "b", null, null, "y", "z")));
    assertEquals(2, EventChunkCodec.decode(SESSION, 1, 2, two).size());
    UnreadableEventsException fewer =
        assertThrows(
            UnreadableEventsException.class, () -> EventChunkCodec.decode(SESSION, 1, 3, two));
    assertTrue(fewer.why().contains("events 1 to 2 only"), fewer.why());
    UnreadableEventsException shifted =
        assertThrows(
            UnreadableEventsException.class, () -> EventChunkCodec.decode(SESSION, 2, 3, two));
    assertTrue(shifted.why().contains("event 1 where event 2 belongs"), shifted.why());
  }

  @Test
  void aRangeEditedInTheStoreIsRefusedNotThrownAsSomethingElse() {
    String one = EventChunkCodec.text(List.of(event(1, "a", null, null, "x", "y")));
    for (long[] range : new long[][] {{1, 0}, {0, 0}, {-3, 1}, {5, 2}}) {
      UnreadableEventsException e =
          assertThrows(
              UnreadableEventsException.class,
              () -> EventChunkCodec.decode(SESSION, range[0], range[1], one));
      assertTrue(e.why().contains("is not a range of events"), e.why());
    }
  }

  @Test
  void batchesAreCutByCountAndSize() {
    List<SessionEvent> many = new ArrayList<>();
    for (int i = 1; i <= 1201; i++) {
      many.add(event(i, "x", null, null, "p", "h"));
    }
    List<List<SessionEvent>> byCount = JpaSessionRepository.chunks(many);
    assertEquals(List.of(500, 500, 201), byCount.stream().map(List::size).toList());
    assertEquals(501, byCount.get(1).get(0).sequence());

    String big = "y".repeat(400_000);
    List<SessionEvent> large =
        List.of(
            event(1, big, null, null, "p", "h"),
            event(2, big, null, null, "p", "h"),
            event(3, big + big + big, null, null, "p", "h"),
            event(4, "small", null, null, "p", "h"));
    assertEquals(
        List.of(2, 1, 1),
        JpaSessionRepository.chunks(large).stream().map(List::size).toList(),
        "about a megabyte per chunk, and a larger event alone");
  }

  @Test
  void onlyOneSessionsConsecutiveEventsMakeChunks() {
    List<SessionEvent> gap =
        List.of(event(1, "a", null, null, "p", "h"), event(3, "b", null, null, "p", "h"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JpaSessionRepository.chunks(gap));
    assertTrue(
        e.getMessage().contains("event 3 of " + SESSION + " follows event 1"), e.getMessage());
  }

  private static SessionEvent event(
      long sequence, String payload, String decision, String rule, String previous, String hash) {
    return new SessionEvent(
        SESSION,
        sequence,
        Instant.parse("2026-12-03T10:00:00.123456Z").plusSeconds(sequence),
        sequence % 2 == 0 ? "result" : "statement",
        payload,
        decision,
        rule,
        previous,
        hash);
  }

  private static void assertSame(List<SessionEvent> expected, List<SessionEvent> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      SessionEvent a = expected.get(i);
      SessionEvent b = actual.get(i);
      assertEquals(a.sessionId(), b.sessionId());
      assertEquals(a.sequence(), b.sequence());
      assertEquals(a.occurredAt(), b.occurredAt());
      assertEquals(a.type(), b.type());
      assertEquals(a.payload(), b.payload());
      assertEquals(a.decision(), b.decision());
      assertEquals(a.ruleId(), b.ruleId());
      assertEquals(a.previousHash(), b.previousHash());
      assertEquals(a.hash(), b.hash());
    }
  }
}
