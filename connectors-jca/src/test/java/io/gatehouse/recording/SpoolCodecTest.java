package io.gatehouse.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolCodecTest {

  @TempDir Path dir;

  @Test
  void versionTwoCarriesTheChainHashes() throws IOException {
    RecordedEvent event = Chains.session(3).get(2);
    assertEquals(event, decode(SpoolCodec.encode(event)), "every field, hashes included");
  }

  @Test
  void versionOneRecordsWrittenBeforeChainingAreStillRead() throws IOException {
    RecordedEvent chained = Chains.session(2).get(1);
    RecordedEvent read = decode(SpoolCodec.encode(chained, SpoolCodec.VERSION_UNCHAINED));
    assertEquals(chained.payloadJson(), read.payloadJson(), "fields kept");
    assertEquals(chained.at(), read.at(), "time kept");
    assertNull(read.hash(), "no hash in version 1");
    assertNull(read.previousHash(), "no previous hash in version 1");
  }

  @Test
  void aSpoolLeftByTheOldVersionShipsBeforeAndAlongsideNewRecords() throws IOException {
    List<RecordedEvent> events = Chains.session(3);
    try (FileChannel file =
        FileChannel.open(
            dir.resolve(EventSpool.LOG_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE)) {
      file.write(SpoolCodec.encode(events.get(0), SpoolCodec.VERSION_UNCHAINED));
    }
    try (EventSpool spool = EventSpool.open(dir, false)) {
      spool.append(events.get(1));
      List<RecordedEvent> batch = spool.nextBatch(10).events();
      assertEquals(2, batch.size(), "old and new records");
      assertNull(batch.get(0).hash(), "the old one unchained");
      assertEquals(events.get(1), batch.get(1), "the new one whole");
    }
  }

  private static RecordedEvent decode(ByteBuffer record) throws IOException {
    int length = record.getInt();
    byte[] body = new byte[length];
    record.get(body);
    return SpoolCodec.decode(body);
  }
}
