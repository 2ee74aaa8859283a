package io.gatehouse.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions a killed server left open: the spool finds them at the next open (from its log, and from
 * the open-sessions file once the log was compacted), and their end is recorded chained after their
 * last event.
 */
class CutOffSessionsTest {

  @TempDir Path dir;

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

  /** A session's recorder over the spool, as the data paths use it. */
  private static SpoolRecorder recorder(EventSpool spool, String id) {
    return new SpoolRecorder(id, spool, null, true, CLOCK);
  }

  // The spool is left as a killed JVM leaves it: written, never closed.
  private static EventSpool killed(EventSpool spool) {
    return spool;
  }

  private static Map<String, Long> cutOff(EventSpool spool) {
    return spool.cutOff().stream()
        .collect(Collectors.toMap(EventSpool.Head::sessionId, EventSpool.Head::sequence));
  }

  private static List<RecordedEvent> all(EventSpool spool) throws IOException {
    List<RecordedEvent> events = new ArrayList<>();
    for (EventSpool.Batch b = spool.nextBatch(1000);
        !b.events().isEmpty();
        b = spool.nextBatch(1000)) {
      events.addAll(b.events());
      spool.markShipped(b);
    }
    return events;
  }

  @Test
  void aSessionWithoutItsEndIsCutOffAndOneThatEndedIsNot() throws IOException {
    EventSpool first = EventSpool.open(dir, false);
    SpoolRecorder open = recorder(first, "open");
    SpoolRecorder closed = recorder(first, "closed");
    open.record("session-start", "{}", null, null);
    closed.record("session-start", "{}", null, null);
    open.record("statement", "{\"sql\":\"SELECT 1\"}", "allow", null);
    closed.record("session-end", "{\"reason\":\"client-closed\"}", null, null);
    assertEquals(1, first.openSessions());
    killed(first);

    try (EventSpool second = EventSpool.open(dir, false)) {
      assertEquals(Map.of("open", 2L), cutOff(second));
    }
  }

  @Test
  void theRecordedEndChainsAfterTheLastEventAndEndsTheCutOffForGood() throws IOException {
    EventSpool first = EventSpool.open(dir, false);
    SpoolRecorder open = recorder(first, "s-9");
    open.record("session-start", "{}", null, null);
    open.record("statement", "{\"sql\":\"INSERT 1\"}", "allow", null);
    killed(first);

    try (EventSpool second = EventSpool.open(dir, false)) {
      assertEquals(1, CutOffSessions.end(second, CLOCK));
      List<RecordedEvent> events = all(second);
      assertEquals(3, events.size());
      RecordedEvent end = events.get(2);
      assertEquals("session-end", end.type());
      assertEquals(3, end.sequence());
      assertEquals(events.get(1).hash(), end.previousHash());
      assertEquals(EventChain.expectedHash(end), end.hash());
      assertTrue(end.payloadJson().contains("\"reason\":\"server-lost\""), end.payloadJson());
      assertTrue(end.payloadJson().contains("ends with event 2"), end.payloadJson());
      assertEquals(0, second.openSessions());
    }
    try (EventSpool third = EventSpool.open(dir, false)) {
      assertEquals(Map.of(), cutOff(third), "ended once, not again at the next start");
    }
  }

  @Test
  void sessionsOpenBeforeACompactionAreFoundFromTheOpenSessionsFile() throws IOException {
    EventSpool first = EventSpool.open(dir, false);
    SpoolRecorder early = recorder(first, "early");
    early.record("session-start", "{}", null, null);
    early.record("statement", "{}", "allow", null);
    all(first); // shipped: the log is compacted to nothing, the open set goes to the file
    assertEquals(0, Files.size(dir.resolve(EventSpool.LOG_FILE)));
    assertTrue(Files.readString(dir.resolve(EventSpool.OPEN_FILE)).startsWith("early 2 "));
    SpoolRecorder late = recorder(first, "late");
    late.record("session-start", "{}", null, null);
    early.record("statement", "{}", "allow", null);
    killed(first);

    try (EventSpool second = EventSpool.open(dir, false)) {
      assertEquals(Map.of("early", 3L, "late", 1L), cutOff(second));
    }
  }

  @Test
  void aSessionThatEndedAfterTheCompactionIsNotCutOff() throws IOException {
    EventSpool first = EventSpool.open(dir, false);
    SpoolRecorder s = recorder(first, "s");
    s.record("session-start", "{}", null, null);
    all(first);
    s.record("session-end", "{\"reason\":\"client-closed\"}", null, null);
    killed(first);
    try (EventSpool second = EventSpool.open(dir, false)) {
      assertEquals(Map.of(), cutOff(second));
    }
  }

  @Test
  void aDeferredEventNeverWrittenIsNotWhereTheRecordingEnds() throws IOException {
    EventSpool first = EventSpool.open(dir, false);
    SpoolRecorder s = recorder(first, "s");
    s.record("session-start", "{}", null, null);
    s.recordLater("result", "{}", null, null); // queued, never written before the kill
    killed(first);
    try (EventSpool second = EventSpool.open(dir, false)) {
      assertEquals(Map.of("s", 1L), cutOff(second));
    }
  }

  @Test
  void anUnreadableOpenSessionsFileIsKeptAsideAndTheSpoolStillOpens() throws IOException {
    Files.writeString(dir.resolve(EventSpool.OPEN_FILE), "s-1 not-a-number x 1 2\n");
    try (EventSpool spool = EventSpool.open(dir, false)) {
      assertEquals(Map.of(), cutOff(spool));
      spool.append(CutOffSessionsTest.start("t"));
      assertEquals(1, spool.openSessions());
    }
    try (var files = Files.list(dir)) {
      assertTrue(
          files.anyMatch(f -> f.getFileName().toString().startsWith("open-sessions.damaged-")),
          "the unreadable file is kept");
    }
  }

  private static RecordedEvent start(String id) {
    return EventChain.link(
        EventChain.GENESIS,
        id,
        1,
        Instant.parse("2026-12-03T09:00:00Z"),
        "session-start",
        "{}",
        null,
        null);
  }
}
