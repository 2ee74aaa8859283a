package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The local, append-only event spool. {@link #append} returns once the record is in the file (the
 * kernel's page cache: it survives a killed gateway process; {@code fsync=true} also survives a
 * power loss at the cost of a disk flush per append). The shipped position is kept in a checkpoint
 * file written atomically, so after a restart exactly the unshipped records are shipped again, and
 * the store's idempotent insert absorbs a batch sent twice.
 */
public final class EventSpool implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EventSpool.class.getName());
  static final String LOG_FILE = "events.spool";
  static final String CHECKPOINT_FILE = "shipped.pos";

  private final Path directory;
  private final boolean fsync;
  private final FileChannel channel;
  private long shippedPosition;
  private final List<ByteBuffer> pending = new ArrayList<>();
  private long pendingBytes;

  private EventSpool(Path directory, boolean fsync, FileChannel channel, long shippedPosition) {
    this.directory = directory;
    this.fsync = fsync;
    this.channel = channel;
    this.shippedPosition = shippedPosition;
  }

  /** Opens (creating if needed) the spool in {@code directory}, dropping a torn last record. */
  public static EventSpool open(Path directory, boolean fsync) throws IOException {
    Files.createDirectories(directory);
    FileChannel channel =
        FileChannel.open(
            directory.resolve(LOG_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    long validEnd = scanValidEnd(channel);
    if (validEnd < channel.size()) {
      // Usually an append cut short by a crash (never acknowledged). Keep the bytes anyway, in
      // case it is damage in the middle of the file, so nothing is discarded unseen.
      Path damaged = directory.resolve(LOG_FILE + ".damaged-" + System.currentTimeMillis());
      Files.copy(directory.resolve(LOG_FILE), damaged);
      LOG.warning(
          () ->
              "Spool has an unreadable record at byte "
                  + validEnd
                  + "; the spool continues from there and the original is kept as "
                  + damaged);
      channel.truncate(validEnd);
    }
    channel.position(validEnd);
    long shipped = Math.min(readCheckpoint(directory), validEnd);
    return new EventSpool(directory, fsync, channel, shipped);
  }

  /**
   * Appends one event, and every event {@linkplain #appendLater deferred} before it, in one write;
   * all of them durable (as configured) when this returns.
   */
  public synchronized void append(RecordedEvent event) throws IOException {
    queue(SpoolCodec.encode(event));
    writePending();
  }

  /**
   * Queues one event for the next write: the next {@link #append} or {@link #sync} from any
   * session, the shipper's next look at the spool (at most its idle wait later), or once {@value
   * #PENDING_LIMIT} bytes are waiting. For events nothing is forwarded on (results, errors), and
   * for events whose caller syncs before it forwards anything: a session's statements and bind
   * parameters are synced before any of their bytes leave for the target, so several events reach
   * the file in one write without any statement reaching the target unrecorded.
   */
  public synchronized void appendLater(RecordedEvent event) throws IOException {
    queue(SpoolCodec.encode(event));
    if (pendingBytes >= PENDING_LIMIT) {
      writePending();
    }
  }

  /** Makes every deferred event durable (as configured); a no-op when none waits. */
  public synchronized void sync() throws IOException {
    if (!pending.isEmpty()) {
      writePending();
    }
  }

  /** Deferred bytes that make the next {@link #appendLater} write at once. */
  static final int PENDING_LIMIT = 64 * 1024;

  private void queue(ByteBuffer record) {
    pending.add(record);
    pendingBytes += record.remaining();
  }

  // One gathering write for everything queued. On failure the queued events are dropped: their
  // callers (strict: failing; best-effort: marked) learn it from this exception.
  private void writePending() throws IOException {
    ByteBuffer[] records = pending.toArray(new ByteBuffer[0]);
    pending.clear();
    long remaining = pendingBytes;
    pendingBytes = 0;
    while (remaining > 0) {
      remaining -= channel.write(records);
    }
    if (fsync) {
      channel.force(false);
    }
  }

  /** Up to {@code max} events not yet shipped, in append order, with where the batch ends. */
  public synchronized Batch nextBatch(int max) throws IOException {
    sync();
    List<RecordedEvent> events = new ArrayList<>();
    long position = shippedPosition;
    long end = channel.size();
    while (events.size() < max && position < end) {
      Record record = readRecord(channel, position, end);
      if (record == null) {
        break;
      }
      events.add(SpoolCodec.decode(record.body));
      position = record.next;
    }
    return new Batch(List.copyOf(events), position);
  }

  /** Records that everything before {@code batch}'s end has been stored. */
  public synchronized void markShipped(Batch batch) throws IOException {
    shippedPosition = batch.endPosition();
    Path tmp = directory.resolve(CHECKPOINT_FILE + ".tmp");
    Files.writeString(tmp, Long.toString(shippedPosition));
    Files.move(
        tmp,
        directory.resolve(CHECKPOINT_FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    if (shippedPosition == channel.size()) {
      compact();
    }
  }

  /** Bytes appended but not yet shipped. */
  public synchronized long backlogBytes() throws IOException {
    return channel.size() - shippedPosition;
  }

  // Everything shipped: start the file over so it does not grow without bound.
  private void compact() throws IOException {
    channel.truncate(0);
    channel.position(0);
    shippedPosition = 0;
    Files.writeString(directory.resolve(CHECKPOINT_FILE), "0");
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      sync();
    } finally {
      channel.close();
    }
  }

  /** A batch of events and the spool position just after its last one. */
  public record Batch(List<RecordedEvent> events, long endPosition) {}

  private record Record(byte[] body, long next) {}

  private static Record readRecord(FileChannel channel, long position, long end)
      throws IOException {
    if (end - position < 8) {
      return null;
    }
    ByteBuffer header = ByteBuffer.allocate(4);
    channel.read(header, position);
    int length = header.flip().getInt();
    if (length < 0 || length > SpoolCodec.MAX_RECORD || position + 8 + length > end) {
      return null;
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    while (body.hasRemaining()) {
      channel.read(body, position + 4 + body.position());
    }
    ByteBuffer crc = ByteBuffer.allocate(4);
    channel.read(crc, position + 4 + length);
    if (!SpoolCodec.crcMatches(body.array(), crc.flip().getInt())) {
      return null;
    }
    return new Record(body.array(), position + 8 + length);
  }

  private static long scanValidEnd(FileChannel channel) throws IOException {
    long position = 0;
    long end = channel.size();
    Record record;
    while ((record = readRecord(channel, position, end)) != null) {
      position = record.next;
    }
    return position;
  }

  private static long readCheckpoint(Path directory) throws IOException {
    Path file = directory.resolve(CHECKPOINT_FILE);
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (NumberFormatException e) {
      throw new IOException("spool checkpoint " + file + " is corrupt", e);
    }
  }
}
