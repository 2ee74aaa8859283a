package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncedOutputTest {

  /** Logs "sync" and each write to the target, in the order they happen. */
  private final List<String> log = new ArrayList<>();

  private final ByteArrayOutputStream target = new ByteArrayOutputStream();

  private final OutputStream logged =
      new OutputStream() {
        @Override
        public void write(int b) {
          log.add("write 1");
          target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          log.add("write " + len);
          target.write(b, off, len);
        }
      };

  @Test
  void buffersUntilFlushAndSyncsBeforeTheBytesLeave() throws IOException {
    SyncedOutput out = new SyncedOutput(logged, 16, () -> log.add("sync"));
    out.write(new byte[] {1, 2, 3});
    out.write(4);
    assertEquals(List.of(), log, "nothing leaves before a flush");
    out.flush();
    assertEquals(List.of("sync", "write 4"), log);
    assertArrayEquals(new byte[] {1, 2, 3, 4}, target.toByteArray());
    out.flush();
    assertEquals(2, log.size(), "an empty buffer neither syncs nor writes");
  }

  @Test
  void aFullBufferOrALargeMessageSyncsFirst() throws IOException {
    SyncedOutput out = new SyncedOutput(logged, 8, () -> log.add("sync"));
    out.write(new byte[6]);
    out.write(new byte[4]); // does not fit: the 6 buffered bytes go first
    assertEquals(List.of("sync", "write 6"), log);
    out.write(new byte[20]); // larger than the buffer: buffered 4, then straight through
    assertEquals(List.of("sync", "write 6", "sync", "write 4", "sync", "write 20"), log);
    assertEquals(30, target.size());
  }

  @Test
  void aFailedSyncSendsNothing() {
    SyncedOutput out =
        new SyncedOutput(
            logged,
            8,
            () -> {
              throw new IOException("the recording spool cannot be written");
            });
    assertThrows(
        IOException.class,
        () -> {
          out.write(new byte[] {1});
          out.flush();
        });
    assertEquals(0, target.size(), "the statement never reaches the target");
  }
}
