package io.gatehouse.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRecorderTest {

  @TempDir Path dir;

  @Test
  void recordedEventsFormAChainAsSpooled() throws IOException {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00.123456789Z"), ZoneOffset.UTC);
    try (EventSpool spool = EventSpool.open(dir, false)) {
      SpoolRecorder recorder = new SpoolRecorder("s-9", spool, null, true, clock);
      recorder.record("session-start", "{}", null, null);
      recorder.record("statement", "{\"sql\":\"DROP TABLE t\"}", "block", "no-drop");
      recorder.record("session-end", "{\"reason\":\"client-closed\"}", null, null);

      List<RecordedEvent> spooled = spool.nextBatch(10).events();
      assertEquals(3, spooled.size(), "three events");
      assertEquals(EventChain.GENESIS, spooled.get(0).previousHash(), "starts at genesis");
      assertEquals(spooled.get(0).hash(), spooled.get(1).previousHash(), "linked");
      assertEquals(
          Instant.parse("2026-11-23T10:00:00.123456Z"), spooled.get(0).at(), "microseconds");
      ChainReport report = ChainVerifier.verify(spooled);
      assertTrue(report.valid(), "verifies: " + report.problems());
    }
  }

  @Test
  void deferredEventsKeepTheirPlaceInTheChainAndSyncWritesThem() throws IOException {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    try (EventSpool spool = EventSpool.open(dir, false)) {
      SpoolRecorder recorder = new SpoolRecorder("s-8", spool, null, true, clock);
      recorder.record("session-start", "{}", null, null);
      recorder.recordLater("statement", "{\"sql\":\"SELECT 1\"}", "allow", null);
      recorder.recordLater("result", "{\"tag\":\"SELECT 1\"}", null, null);
      try (EventSpool reader = EventSpool.open(dir, false)) {
        assertEquals(1, reader.nextBatch(10).events().size(), "only the durable one so far");
      }
      recorder.sync();
      try (EventSpool reader = EventSpool.open(dir, false)) {
        List<RecordedEvent> spooled = reader.nextBatch(10).events();
        assertEquals(
            List.of("session-start", "statement", "result"),
            spooled.stream().map(RecordedEvent::type).toList());
        assertTrue(ChainVerifier.verify(spooled).valid());
      }
    }
  }
}
