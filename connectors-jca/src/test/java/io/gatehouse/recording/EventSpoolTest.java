package io.gatehouse.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSpoolTest {

  @TempDir Path dir;

  static RecordedEvent event(long seq) {
    return EventChain.link(
        EventChain.GENESIS,
        "s-1",
        seq,
        Instant.parse("2026-11-23T10:00:00.123456Z").plusSeconds(seq),
        "statement",
        "{\"sql\":\"SELECT " + seq + " -- é\"}",
        seq % 2 == 0 ? "block" : "allow",
        seq % 2 == 0 ? "no-drop" : null);
  }

  @Test
  void appendedEventsComeBackInOrderWithEveryField() throws IOException {
    try (EventSpool spool = EventSpool.open(dir, false)) {
      for (long i = 1; i <= 5; i++) {
        spool.append(event(i));
      }
      EventSpool.Batch batch = spool.nextBatch(100);
      assertEquals(List.of(event(1), event(2), event(3), event(4), event(5)), batch.events());
    }
  }

  // Records read through a 1 MiB buffer: records that straddle its edge, one larger than the
  // buffer, batches that stop mid-buffer, and a torn last record that is never shipped.
  @Test
  void recordsAcrossReadChunksComeBackWholeAndATornTailIsDropped() throws IOException {
    List<RecordedEvent> written = new ArrayList<>();
    try (EventSpool spool = EventSpool.open(dir, false)) {
      for (long i = 1; i <= 3_000; i++) {
        int size = i == 1_500 ? EventSpool.READ_CHUNK + 10_000 : 700 + (int) (i % 97);
        RecordedEvent event =
            EventChain.link(
                EventChain.GENESIS,
                "s-big",
                i,
                Instant.parse("2026-11-23T10:00:00Z").plusMillis(i),
                "result",
                "{\"pad\":\"" + "x".repeat(size) + "\"}",
                null,
                null);
        written.add(event);
        spool.appendLater(event);
      }
      spool.sync();
    }
    Path file = dir.resolve(EventSpool.LOG_FILE);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 'x'}), channel.size());
    }
    try (EventSpool spool = EventSpool.open(dir, false)) {
      List<RecordedEvent> read = new ArrayList<>();
      for (EventSpool.Batch batch = spool.nextBatch(700);
          !batch.events().isEmpty();
          batch = spool.nextBatch(700)) {
        read.addAll(batch.events());
        spool.markShipped(batch);
      }
      assertEquals(written.size(), read.size());
      assertEquals(written, read);
    }
  }

  @Test
  void deferredEventsReachTheFileWithTheNextAppendInOrder() throws IOException {
    Path file = dir.resolve(EventSpool.LOG_FILE);
    try (EventSpool spool = EventSpool.open(dir, false)) {
      spool.append(event(1));
      long afterFirst = Files.size(file);
      spool.appendLater(event(2));
      spool.appendLater(event(3));
      assertEquals(afterFirst, Files.size(file), "deferred: not written yet");
      spool.append(event(4));
      assertTrue(Files.size(file) > afterFirst);
      // What a restart (or a killed process) would find in the file: all four, in order.
      try (EventSpool reader = EventSpool.open(dir, false)) {
        assertEquals(
            List.of(event(1), event(2), event(3), event(4)), reader.nextBatch(100).events());
      }
    }
  }

  @Test
  void syncTheShipperAndCloseWriteDeferredEvents() throws IOException {
    Path file = dir.resolve(EventSpool.LOG_FILE);
    try (EventSpool spool = EventSpool.open(dir, false)) {
      spool.appendLater(event(1));
      assertEquals(0, Files.size(file));
      spool.sync();
      long synced = Files.size(file);
      assertTrue(synced > 0, "sync writes what waits");
      spool.sync();
      assertEquals(synced, Files.size(file), "nothing waits: nothing written");
      spool.appendLater(event(2));
      assertEquals(List.of(event(1), event(2)), spool.nextBatch(100).events(), "the shipper");
      spool.appendLater(event(3));
    }
    try (EventSpool reopened = EventSpool.open(dir, false)) {
      assertEquals(3, reopened.nextBatch(100).events().size(), "close wrote the last one");
    }
  }

  @Test
  void deferredEventsAreWrittenOnceEnoughWait() throws IOException {
    Path file = dir.resolve(EventSpool.LOG_FILE);
    try (EventSpool spool = EventSpool.open(dir, false)) {
      long i = 0;
      while (Files.size(file) == 0) {
        spool.appendLater(event(++i));
        assertTrue(i < 10_000, "a bounded amount waits in memory");
      }
      assertTrue(Files.size(file) >= EventSpool.PENDING_LIMIT);
    }
  }

  @Test
  void afterARestartOnlyUnshippedEventsAreShippedAgain() throws IOException {
    try (EventSpool spool = EventSpool.open(dir, false)) {
      for (long i = 1; i <= 10; i++) {
        spool.append(event(i));
      }
      spool.markShipped(spool.nextBatch(4));
    }
    try (EventSpool reopened = EventSpool.open(dir, false)) {
      List<RecordedEvent> rest = reopened.nextBatch(100).events();
      assertEquals(6, rest.size(), "events 5..10 remain after a restart");
      assertEquals(5, rest.get(0).sequence(), "in order, starting after the last shipped");
    }
  }

  @Test
  void aTornLastRecordIsDroppedAndTheRestSurvives() throws IOException {
    try (EventSpool spool = EventSpool.open(dir, false)) {
      spool.append(event(1));
      spool.append(event(2));
    }
    Path file = dir.resolve(EventSpool.LOG_FILE);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 3);
    }
    try (EventSpool reopened = EventSpool.open(dir, false)) {
      assertEquals(List.of(event(1)), reopened.nextBatch(10).events(), "torn record dropped");
      reopened.append(event(2));
      assertEquals(2, reopened.nextBatch(10).events().size(), "appends continue after recovery");
    }
  }

  @Test
  void aCorruptedRecordStopsTheReadInsteadOfShippingGarbage() throws IOException {
    try (EventSpool spool = EventSpool.open(dir, false)) {
      spool.append(event(1));
      spool.append(event(2));
    }
    Path file = dir.resolve(EventSpool.LOG_FILE);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {'X'}), 20);
    }
    try (EventSpool reopened = EventSpool.open(dir, false)) {
      assertTrue(reopened.nextBatch(10).events().isEmpty(), "a CRC mismatch is never shipped");
    }
    try (var files = Files.list(dir)) {
      assertTrue(
          files.anyMatch(f -> f.getFileName().toString().startsWith("events.spool.damaged-")),
          "the damaged original is kept for inspection");
    }
  }

  // The data plane compacts only a large log: below the threshold a shipped log stays as it is,
  // and what was shipped is never shipped again, in this process or after a restart.
  @Test
  void belowTheThresholdAShippedLogStaysAndIsNotShippedAgain() throws IOException {
    Path file = dir.resolve(EventSpool.LOG_FILE);
    try (EventSpool spool = EventSpool.open(dir, false)) {
      spool.compactAtBytes(1024 * 1024);
      spool.append(event(1));
      spool.append(event(2));
      spool.markShipped(spool.nextBatch(10));
      assertTrue(Files.size(file) > 0, "not compacted below the threshold");
      assertEquals(0, spool.backlogBytes());
      assertTrue(spool.nextBatch(10).events().isEmpty(), "shipped: not again");
      spool.append(event(3));
      assertEquals(List.of(event(3)), spool.nextBatch(10).events());
    }
    try (EventSpool reopened = EventSpool.open(dir, false)) {
      assertEquals(List.of(event(3)), reopened.nextBatch(10).events(), "the checkpoint holds");
      reopened.compactAtBytes(1);
      reopened.markShipped(reopened.nextBatch(10));
      assertEquals(0, Files.size(file), "compacted once over the threshold");
    }
  }

  @Test
  void fullyShippedSpoolIsCompacted() throws IOException {
    try (EventSpool spool = EventSpool.open(dir, true)) {
      spool.append(event(1));
      spool.markShipped(spool.nextBatch(10));
      assertEquals(0, spool.backlogBytes(), "nothing left");
      spool.append(event(2));
      assertEquals(List.of(event(2)), spool.nextBatch(10).events(), "new appends after compaction");
    }
  }

  @Test
  void shipperRetriesAFailedBatchAndShipsEachEventOnce() throws Exception {
    List<RecordedEvent> stored = new ArrayList<>();
    boolean[] storeDown = {true};
    try (EventSpool spool = EventSpool.open(dir, false)) {
      for (long i = 1; i <= 7; i++) {
        spool.append(event(i));
      }
      SpoolShipper shipper =
          new SpoolShipper(
              spool,
              events -> {
                if (storeDown[0]) {
                  throw new IOException("store down");
                }
                stored.addAll(events);
              },
              3,
              Duration.ofMillis(10),
              Clock.systemUTC());
      assertThrows(IOException.class, shipper::shipOnce, "store down: the batch fails");
      assertEquals(0, stored.size(), "nothing stored while down");
      storeDown[0] = false;
      while (shipper.shipOnce() > 0) {
        // drain
      }
      assertEquals(7, stored.size(), "every event exactly once");
      for (int i = 0; i < 7; i++) {
        assertEquals(i + 1, stored.get(i).sequence(), "in order");
      }
    }
  }

  static RecordedEvent event(String session, long seq) {
    return EventChain.link(
        EventChain.GENESIS,
        session,
        seq,
        Instant.parse("2026-11-23T10:00:00Z").plusMillis(seq),
        "statement",
        "{\"sql\":\"SELECT " + seq + "\"}",
        "allow",
        null);
  }

  // Eight sessions queue and sync at once while the shipper ships and compacts: every event is
  // shipped exactly once, each session's in its own order, and each sync returns only once the
  // session's events are in the file.
  @Test
  void concurrentSessionsAndTheShipperLoseNothingAndKeepEachSessionsOrder() throws Exception {
    int sessions = 8;
    int perSession = 3_000;
    Map<String, List<Long>> shipped = new ConcurrentHashMap<>();
    try (EventSpool spool = EventSpool.open(dir, false)) {
      spool.compactAtBytes(0);
      AtomicBoolean done = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread shipper =
          new Thread(
              () -> {
                try {
                  while (true) {
                    boolean last = done.get();
                    EventSpool.Batch batch = spool.nextBatch(500);
                    for (RecordedEvent e : batch.events()) {
                      shipped
                          .computeIfAbsent(e.sessionId(), k -> new ArrayList<>())
                          .add(e.sequence());
                    }
                    spool.markShipped(batch);
                    if (last && batch.events().isEmpty()) {
                      return;
                    }
                  }
                } catch (Throwable t) {
                  failure.set(t);
                }
              });
      shipper.start();
      ExecutorService pool = Executors.newFixedThreadPool(sessions);
      List<Future<?>> writers = new ArrayList<>();
      for (int s = 0; s < sessions; s++) {
        String id = "s-" + s;
        writers.add(
            pool.submit(
                () -> {
                  long first = 0;
                  for (long seq = 1; seq <= perSession; seq++) {
                    long ticket = spool.appendLater(event(id, seq));
                    first = first == 0 ? ticket : first;
                    if (seq % 3 == 0) {
                      spool.syncFrom(first);
                      first = 0;
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      spool.sync();
      done.set(true);
      shipper.join(60_000);
      assertEquals(null, failure.get(), "the shipper ran without errors");
      assertEquals(sessions, spool.openSessions(), "each session open (none has ended)");
    }
    assertEquals(sessions, shipped.size());
    for (List<Long> seqs : shipped.values()) {
      assertEquals(perSession, seqs.size(), "every event once");
      for (int i = 0; i < perSession; i++) {
        assertEquals(i + 1, seqs.get(i), "in the session's order");
      }
    }
  }

  // A write that fails loses what it carried, and every session with an event in it learns so
  // (not only the one whose sync ran the write); later writes go on.
  @Test
  void aFailedWriteIsReportedToEverySessionWhoseEventsItCarried() throws IOException {
    AtomicBoolean diskFails = new AtomicBoolean();
    try (EventSpool spool = EventSpool.open(dir, false, c -> new FailingLog(c, diskFails))) {
      spool.append(event("ok", 1));
      long alice = spool.appendLater(event("alice", 1));
      long bob = spool.appendLater(event("bob", 1));
      diskFails.set(true);
      IOException bobs = assertThrows(IOException.class, () -> spool.syncFrom(bob), "bob's");
      assertTrue(bobs.getMessage().contains("disk full"), bobs.getMessage());
      diskFails.set(false);
      IOException alices =
          assertThrows(IOException.class, () -> spool.syncFrom(alice), "alice's went with it");
      assertTrue(alices.getMessage().contains("spool write carrying"), alices.getMessage());
      long later = spool.appendLater(event("alice", 2));
      spool.syncFrom(later);
      assertEquals(
          List.of(event("ok", 1), event("alice", 2)),
          spool.nextBatch(10).events(),
          "the lost events are not in the file; the later ones are");
      diskFails.set(true);
      assertThrows(IOException.class, () -> spool.append(event("carol", 1)), "append fails too");
      diskFails.set(false);
      spool.append(event("carol", 2));
    }
    try (EventSpool reopened = EventSpool.open(dir, false)) {
      assertEquals(
          List.of(event("ok", 1), event("alice", 2), event("carol", 2)),
          reopened.nextBatch(10).events(),
          "the half-written records were cut off: none is torn, none is lost after them");
    }
  }

  @Test
  void aStrictSessionWhoseEventAnotherSessionsWriteLostRefusesToGoOn() throws IOException {
    AtomicBoolean diskFails = new AtomicBoolean();
    try (EventSpool spool = EventSpool.open(dir, false, c -> new FailingLog(c, diskFails))) {
      SpoolRecorder strict = new SpoolRecorder("strict", spool, null, true, Clock.systemUTC());
      SpoolRecorder other = new SpoolRecorder("other", spool, null, false, Clock.systemUTC());
      strict.recordLater("statement", "{\"sql\":\"DELETE FROM t\"}", "allow", null);
      other.recordLater("statement", "{\"sql\":\"SELECT 1\"}", "allow", null);
      diskFails.set(true);
      other.sync(); // carries strict's statement too, and loses it
      assertTrue(other.degraded(), "the best-effort session goes on, marked");
      diskFails.set(false);
      assertThrows(
          SpoolRecorder.RecordingUnavailableException.class,
          strict::sync,
          "the strict session must not forward a statement whose record was lost");
      strict.recordLater("statement", "{\"sql\":\"SELECT 2\"}", "allow", null);
      strict.sync(); // the disk is back: recording goes on
      assertEquals(1, spool.nextBatch(10).events().size());
    }
  }

  // A session thread can be interrupted (a server stopping, a session ended) while it records:
  // its write must still land, and the spool must stay open for every other session. A
  // FileChannel closes itself when a thread writing or reading through it is interrupted.
  @Test
  void anInterruptedThreadsWriteLandsAndTheSpoolStaysOpen() throws Exception {
    try (EventSpool spool = EventSpool.open(dir, false)) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread interrupted =
          new Thread(
              () -> {
                Thread.currentThread().interrupt();
                try {
                  spool.append(event("interrupted", 1));
                  spool.syncFrom(spool.appendLater(event("interrupted", 2)));
                } catch (Throwable t) {
                  failure.set(t);
                }
                if (!Thread.currentThread().isInterrupted()) {
                  failure.set(new AssertionError("the interrupt was swallowed"));
                }
              });
      interrupted.start();
      interrupted.join(10_000);
      assertEquals(null, failure.get(), "written despite the interrupt, which is kept");
      spool.append(event("other", 1));
      List<RecordedEvent> shipped = new ArrayList<>();
      AtomicReference<Throwable> shipperFailure = new AtomicReference<>();
      Thread shipper =
          new Thread(
              () -> {
                Thread.currentThread().interrupt(); // the shipper stopped mid-read
                try {
                  spool.nextBatch(10);
                } catch (Throwable t) {
                  shipperFailure.set(t);
                }
              });
      shipper.start();
      shipper.join(10_000);
      shipped.addAll(spool.nextBatch(10).events());
      assertEquals(
          List.of(event("interrupted", 1), event("interrupted", 2), event("other", 1)),
          shipped,
          "a later read works: " + shipperFailure.get());
      spool.append(event("other", 2));
    }
    try (EventSpool reopened = EventSpool.open(dir, false)) {
      assertEquals(4, reopened.nextBatch(10).events().size(), "all four in the file");
    }
  }

  /** A log file whose writes fail while {@code fails} is set, like a full disk. */
  private static final class FailingLog implements EventSpool.LogFile {
    private final EventSpool.LogFile file;
    private final AtomicBoolean fails;

    FailingLog(EventSpool.LogFile file, AtomicBoolean fails) {
      this.file = file;
      this.fails = fails;
    }

    @Override
    public void append(byte[] bytes) throws IOException {
      if (fails.get()) {
        file.append(Arrays.copyOf(bytes, bytes.length / 2)); // what fitted before the disk filled
        throw new IOException("No space left on device (disk full)");
      }
      file.append(bytes);
    }

    @Override
    public void force() throws IOException {
      file.force();
    }

    @Override
    public void truncate(long size) throws IOException {
      file.truncate(size);
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
