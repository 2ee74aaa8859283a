package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The local, append-only event spool. {@link #append} returns once the record is in the file (the
 * kernel's page cache: it survives a killed gateway process; {@code fsync=true} also survives a
 * power loss at the cost of a disk flush per append). The shipped position is kept in a checkpoint
 * file written atomically, so after a restart exactly the unshipped records are shipped again, and
 * the store's idempotent insert absorbs a batch sent twice.
 *
 * <p>The spool also knows which sessions are open: a session is open from its first written event
 * until its {@code session-end}. The set lives in memory, and is written atomically to {@value
 * #OPEN_FILE} (with each open session's last sequence, hash and time) whenever the log is
 * compacted, so the file plus the log always describe it. A session still open when the spool is
 * opened again was cut off by an unclean stop (a killed JVM); {@link #cutOff} lists them, so the
 * data plane can record their end and the control plane can end and seal them.
 */
public final class EventSpool implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EventSpool.class.getName());
  static final String LOG_FILE = "events.spool";
  static final String CHECKPOINT_FILE = "shipped.pos";
  static final String OPEN_FILE = "open-sessions";
  static final String SESSION_END = "session-end";

  /** A session's last written event: where a recording that was cut off ends. */
  public record Head(String sessionId, long sequence, String hash, Instant at) {}

  private final Path directory;
  private final boolean fsync;
  // Appends go through 'log' (not interruptible: a session thread interrupted while it writes must
  // not close the spool for every session, as an interrupted FileChannel would); the shipper reads
  // through 'reader', reopened if an interrupt of the shipper closed it. 'end': where the log ends.
  private final LogFile log;
  private volatile FileChannel reader;
  private long end;
  private long shippedPosition;
  // The queue of deferred events: guarded by the short lock 'queue', never held during a write.
  private final Object queue = new Object();
  private final List<ByteBuffer> pending = new ArrayList<>();
  private final List<RecordedEvent> pendingEvents = new ArrayList<>();
  private long pendingBytes;
  private long queued; // tickets handed out: the last queued event's
  private volatile boolean full;
  // The last ticket written (or lost); written under this object's lock, read without it.
  private volatile long handled;
  // Failed writes, oldest first: replaced whole under this object's lock, read without it.
  private volatile List<Lost> lost = List.of();
  private volatile boolean lostForgotten;
  // Sessions open in what is written, by id; openChanged: differs from the open-sessions file.
  private final Map<String, Head> open;
  private boolean openChanged;
  private final List<Head> cutOff;
  private volatile long compactAtBytes;
  // The shipper's read buffer, kept between batches (only the shipper reads).
  private ByteBuffer shipperBuffer = ByteBuffer.allocate(0);

  private EventSpool(
      Path directory,
      boolean fsync,
      LogFile log,
      FileChannel reader,
      long end,
      long shippedPosition,
      Map<String, Head> open) {
    this.directory = directory;
    this.fsync = fsync;
    this.log = log;
    this.reader = reader;
    this.end = end;
    this.shippedPosition = shippedPosition;
    this.open = open;
    this.cutOff = List.copyOf(open.values());
  }

  /** Opens (creating if needed) the spool in {@code directory}, dropping a torn last record. */
  public static EventSpool open(Path directory, boolean fsync) throws IOException {
    return open(directory, fsync, UnaryOperator.identity());
  }

  // The tests' way in to a log whose writes fail (a full or failing disk).
  static EventSpool open(Path directory, boolean fsync, UnaryOperator<LogFile> wrap)
      throws IOException {
    Files.createDirectories(directory);
    FileChannel channel =
        FileChannel.open(
            directory.resolve(LOG_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    Map<String, Head> open = readOpenSessions(directory);
    long validEnd = scanValidEnd(channel, open);
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
    LogFile log = wrap.apply(LogFile.open(directory.resolve(LOG_FILE), validEnd));
    long shipped = Math.min(readCheckpoint(directory), validEnd);
    return new EventSpool(directory, fsync, log, channel, validEnd, shipped, open);
  }

  /**
   * The sessions that were open when this spool was last closed uncleanly: each one's recording
   * ends at its head, and nothing of this process will ever end it. Empty after a clean stop.
   */
  public List<Head> cutOff() {
    return cutOff;
  }

  /** How many sessions have events written and no {@code session-end} yet. */
  public synchronized int openSessions() {
    return open.size();
  }

  /**
   * Appends one event, and every event {@linkplain #appendLater deferred} before it, in one write;
   * all of them durable (as configured) when this returns.
   *
   * @return the event's ticket (see {@link #syncFrom})
   * @throws IOException when the write that carried this event failed
   */
  public long append(RecordedEvent event) throws IOException {
    long ticket = enqueue(event);
    writeThrough(ticket);
    checkLost(ticket, ticket);
    return ticket;
  }

  /**
   * Queues one event for the next write: the next {@link #append} or {@link #sync} from any
   * session, the shipper's next look at the spool (at most its idle wait later), or once {@value
   * #PENDING_LIMIT} bytes are waiting. For events nothing is forwarded on (results, errors), and
   * for events whose caller syncs before it forwards anything: a session's statements and bind
   * parameters are synced before any of their bytes leave for the target, so several events reach
   * the file in one write without any statement reaching the target unrecorded.
   *
   * <p>Queueing takes only a short lock of its own, never the one a write holds: a session does not
   * wait for another session's disk write to record, only (in {@link #syncFrom}) to make its own
   * events durable, and then that write usually carried them already (group commit).
   *
   * @return the event's ticket: numbers rise in the order events reach the file
   * @throws IOException when enough was waiting to write now and that write failed
   */
  public long appendLater(RecordedEvent event) throws IOException {
    long ticket = enqueue(event);
    if (full) {
      writeThrough(ticket);
      checkLost(ticket, ticket);
    }
    return ticket;
  }

  /**
   * Makes every deferred event durable (as configured); a no-op when none waits.
   *
   * @throws IOException when an event that waited when this was called was lost to a failed write
   */
  public void sync() throws IOException {
    long from = handled + 1;
    long target = queuedTickets();
    writeThrough(target);
    checkLost(from, target);
  }

  /**
   * Makes every event queued so far durable, and fails if any event with a ticket from {@code
   * firstTicket} on was lost to a failed write, whichever session's write it was: a session passes
   * the ticket of its first event not yet synced, so it learns of a loss even when another
   * session's write carried (and lost) its events. {@code firstTicket} 0: nothing to check.
   */
  public void syncFrom(long firstTicket) throws IOException {
    long target = queuedTickets();
    writeThrough(target);
    if (firstTicket > 0) {
      checkLost(firstTicket, target);
    }
  }

  /** Deferred bytes that make the next {@link #appendLater} write at once. */
  static final int PENDING_LIMIT = 64 * 1024;

  // Encoded by the caller, outside any lock; queued under the short queue lock only.
  private long enqueue(RecordedEvent event) {
    ByteBuffer record = SpoolCodec.encode(event);
    synchronized (queue) {
      pending.add(record);
      pendingEvents.add(event);
      pendingBytes += record.remaining();
      full = pendingBytes >= PENDING_LIMIT;
      return ++queued;
    }
  }

  private long queuedTickets() {
    synchronized (queue) {
      return queued;
    }
  }

  /**
   * Writes everything queued, unless a write that carried ticket {@code target} already ran (the
   * fast path, without the write lock). Writes hold this object's lock, so they, compaction and the
   * shipper's reads of the file's end never overlap; queueing goes on meanwhile.
   */
  private void writeThrough(long target) throws IOException {
    if (handled >= target) {
      return;
    }
    synchronized (this) {
      if (handled >= target) {
        return;
      }
      writePending();
    }
  }

  // One write for everything queued. On failure the queued events are dropped and their tickets
  // kept as lost: their callers (strict: failing; best-effort: marked) learn it from checkLost,
  // whichever thread's write it was. Whatever part of the write reached the file is cut off again,
  // so the next write follows the last whole record and the shipper never stops at a torn one.
  private void writePending() throws IOException {
    ByteBuffer[] records;
    List<RecordedEvent> events;
    long remaining;
    long upTo;
    synchronized (queue) {
      if (pending.isEmpty()) {
        return;
      }
      records = pending.toArray(new ByteBuffer[0]);
      events = List.copyOf(pendingEvents);
      pending.clear();
      pendingEvents.clear();
      remaining = pendingBytes;
      pendingBytes = 0;
      full = false;
      upTo = queued;
    }
    long from = handled + 1;
    try {
      byte[] bytes = new byte[Math.toIntExact(remaining)];
      int at = 0;
      for (ByteBuffer record : records) {
        int n = record.remaining();
        record.get(bytes, at, n);
        at += n;
      }
      log.append(bytes);
      end += bytes.length;
      if (fsync) {
        log.force();
      }
    } catch (IOException | RuntimeException e) {
      try {
        log.truncate(end);
      } catch (IOException | RuntimeException cut) {
        e.addSuppressed(cut);
      }
      List<Lost> failures = new ArrayList<>(lost);
      failures.add(new Lost(from, upTo, e));
      if (failures.size() > LOST_KEPT) {
        failures.remove(0);
        lostForgotten = true;
      }
      lost = List.copyOf(failures);
      handled = upTo;
      throw e;
    }
    for (RecordedEvent event : events) {
      openChanged |= track(open, event);
    }
    handled = upTo;
  }

  // Throws when an event with a ticket in [from, to] was in a write that failed.
  // Without any lock: after a failure, every later sync still checks here.
  private void checkLost(long from, long to) throws IOException {
    List<Lost> failures = lost;
    if (failures.isEmpty()) {
      return;
    }
    if (lostForgotten && from < failures.get(0).from()) {
      throw new IOException("an earlier spool write failed (too many failures to tell which)");
    }
    for (Lost failure : failures) {
      if (failure.from() <= to && failure.to() >= from) {
        throw new IOException(
            "the spool write carrying this event failed: " + failure.cause().getMessage(),
            failure.cause());
      }
    }
  }

  /** Tickets {@code [from, to]} were in a write that failed. */
  private record Lost(long from, long to, Throwable cause) {}

  // Failed writes remembered; only a disk failing write after write ever comes near it.
  private static final int LOST_KEPT = 1024;

  // Follows one written event in the open-session set; true when the set changed.
  private static boolean track(Map<String, Head> open, RecordedEvent event) {
    if (SESSION_END.equals(event.type())) {
      return open.remove(event.sessionId()) != null;
    }
    open.put(
        event.sessionId(), new Head(event.sessionId(), event.sequence(), event.hash(), event.at()));
    return true;
  }

  /**
   * Up to {@code max} events not yet shipped, in append order, with where the batch ends. Only the
   * shipper calls this (and {@link #markShipped}), so the records are read outside the lock:
   * appends only add bytes after the end taken under it, and only {@link #markShipped} truncates.
   * Sessions never wait for the shipper's reads.
   */
  public Batch nextBatch(int max) throws IOException {
    long position;
    long upTo;
    synchronized (this) {
      sync();
      position = shippedPosition;
      upTo = end;
    }
    List<RecordedEvent> events = new ArrayList<>();
    RecordReader reader = new RecordReader(readChannel(), position, upTo, shipperBuffer);
    Record record;
    while (events.size() < max && (record = reader.next()) != null) {
      events.add(SpoolCodec.decode(record.body));
    }
    shipperBuffer = reader.buffer;
    return new Batch(List.copyOf(events), reader.position);
  }

  /**
   * Records that everything before {@code batch}'s end has been stored. The checkpoint file is
   * written outside the lock (only the shipper writes it); the log is started over only once it has
   * grown to {@link #compactAtBytes} and is all shipped, because compacting (rewriting the
   * open-sessions file, truncating) holds the lock every session's writes take.
   */
  public void markShipped(Batch batch) throws IOException {
    long shipped = batch.endPosition();
    Path tmp = directory.resolve(CHECKPOINT_FILE + ".tmp");
    Files.writeString(tmp, Long.toString(shipped));
    Files.move(
        tmp,
        directory.resolve(CHECKPOINT_FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    synchronized (this) {
      shippedPosition = shipped;
      if (shippedPosition == end && shippedPosition >= compactAtBytes) {
        compact();
      }
    }
  }

  /**
   * Compact the log only once it holds at least this many shipped bytes (0: whenever everything is
   * shipped, as the tests use it). The data plane uses {@link #COMPACT_AT_BYTES}.
   */
  public void compactAtBytes(long bytes) {
    this.compactAtBytes = bytes;
  }

  /** The data plane's compaction threshold: a busy gateway compacts every few seconds at most. */
  public static final long COMPACT_AT_BYTES = 16L * 1024 * 1024;

  /** Bytes appended but not yet shipped. */
  public synchronized long backlogBytes() throws IOException {
    return end - shippedPosition;
  }

  // Everything shipped: start the file over so it does not grow without bound.
  private void compact() throws IOException {
    if (openChanged) {
      // Before the log that describes them is dropped.
      writeOpenSessions();
      openChanged = false;
    }
    log.truncate(0);
    end = 0;
    shippedPosition = 0;
    Files.writeString(directory.resolve(CHECKPOINT_FILE), "0");
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      sync();
    } finally {
      try {
        log.close();
      } finally {
        reader.close();
      }
    }
  }

  // The shipper's read channel: an interrupt of a thread reading through a FileChannel closes it.
  private FileChannel readChannel() throws IOException {
    FileChannel current = reader;
    if (!current.isOpen()) {
      current = FileChannel.open(directory.resolve(LOG_FILE), StandardOpenOption.READ);
      reader = current;
    }
    return current;
  }

  /**
   * Where appends go: a file written with plain (not interruptible) writes at its end. Package
   * private so that tests can make writes fail.
   */
  interface LogFile extends AutoCloseable {
    /** Writes {@code bytes} at the end, all of them or an exception. */
    void append(byte[] bytes) throws IOException;

    /** Forces what was appended to the disk. */
    void force() throws IOException;

    /** Cuts the file to {@code size} bytes; appends go on from there. */
    void truncate(long size) throws IOException;

    @Override
    void close() throws IOException;

    static LogFile open(Path file, long end) throws IOException {
      RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
      raf.seek(end);
      return new LogFile() {
        @Override
        public void append(byte[] bytes) throws IOException {
          raf.write(bytes);
        }

        @Override
        public void force() throws IOException {
          raf.getFD().sync();
        }

        @Override
        public void truncate(long size) throws IOException {
          raf.setLength(size);
          raf.seek(size);
        }

        @Override
        public void close() throws IOException {
          raf.close();
        }
      };
    }
  }

  /** A batch of events and the spool position just after its last one. */
  public record Batch(List<RecordedEvent> events, long endPosition) {}

  private record Record(byte[] body, long next) {}

  /**
   * Reads records from {@code [position, end)} through one buffer: one read per {@value
   * #READ_CHUNK} bytes rather than three per record. {@link #next} returns null at the end or at
   * the first record that is torn or fails its CRC; {@link #position} is then where the readable
   * records end.
   */
  private static final class RecordReader {
    private final FileChannel channel;
    private final long end;
    private ByteBuffer buffer;
    private long bufferStart;
    long position;

    RecordReader(FileChannel channel, long position, long end, ByteBuffer buffer) {
      this.channel = channel;
      this.position = position;
      this.end = end;
      this.buffer = buffer.clear().limit(0);
    }

    Record next() throws IOException {
      if (end - position < 8 || !buffered(4)) {
        return null;
      }
      int length = buffer.getInt(offset());
      if (length < 0 || length > SpoolCodec.MAX_RECORD || position + 8 + length > end) {
        return null;
      }
      if (!buffered(8 + length)) {
        return null;
      }
      byte[] body = new byte[length];
      buffer.get(offset() + 4, body);
      if (!SpoolCodec.crcMatches(body, buffer.getInt(offset() + 4 + length))) {
        return null;
      }
      position += 8 + length;
      return new Record(body, position);
    }

    private int offset() {
      return (int) (position - bufferStart);
    }

    // Whether bytes [position, position + n) are in the buffer, reading from position if not.
    private boolean buffered(int n) throws IOException {
      if (position >= bufferStart && position + n <= bufferStart + buffer.limit()) {
        return true;
      }
      int size = (int) Math.min(end - position, Math.max(n, READ_CHUNK));
      if (size < n) {
        return false;
      }
      if (buffer.capacity() < size) {
        buffer = ByteBuffer.allocate(size);
      }
      buffer.clear().limit(size);
      bufferStart = position;
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, bufferStart + buffer.position()) < 0) {
          buffer.limit(buffer.position());
          return false;
        }
      }
      return true;
    }
  }

  static final int READ_CHUNK = 1 << 20;

  // Where the readable records end, following each one's session in {@code open} on the way.
  private static long scanValidEnd(FileChannel channel, Map<String, Head> open) throws IOException {
    RecordReader reader = new RecordReader(channel, 0, channel.size(), ByteBuffer.allocate(0));
    Record record;
    while ((record = reader.next()) != null) {
      track(open, SpoolCodec.decode(record.body));
    }
    return reader.position;
  }

  // One line per open session: id, last sequence, last hash ("-" for none), epoch second, nanos.
  private void writeOpenSessions() throws IOException {
    StringBuilder text = new StringBuilder();
    for (Head head : open.values()) {
      text.append(head.sessionId())
          .append(' ')
          .append(head.sequence())
          .append(' ')
          .append(head.hash() == null ? "-" : head.hash())
          .append(' ')
          .append(head.at().getEpochSecond())
          .append(' ')
          .append(head.at().getNano())
          .append('\n');
    }
    Path tmp = directory.resolve(OPEN_FILE + ".tmp");
    Files.writeString(tmp, text);
    if (fsync) {
      try (FileChannel file = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        file.force(true);
      }
    }
    Files.move(
        tmp,
        directory.resolve(OPEN_FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static Map<String, Head> readOpenSessions(Path directory) throws IOException {
    Map<String, Head> open = new HashMap<>();
    Path file = directory.resolve(OPEN_FILE);
    if (!Files.exists(file)) {
      return open;
    }
    int number = 0;
    for (String line : Files.readAllLines(file)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.strip().split(" ");
      try {
        if (fields.length != 5) {
          throw new IllegalArgumentException("expected 5 fields, found " + fields.length);
        }
        open.put(
            fields[0],
            new Head(
                fields[0],
                Long.parseLong(fields[1]),
                "-".equals(fields[2]) ? null : fields[2],
                Instant.ofEpochSecond(Long.parseLong(fields[3]), Long.parseLong(fields[4]))));
      } catch (RuntimeException e) {
        // The log is intact and keeps every event; only the list of open sessions is lost. Keep
        // the file for inspection and go on: those sessions stay open in the store, as before.
        Path damaged = directory.resolve(OPEN_FILE + ".damaged-" + System.currentTimeMillis());
        Files.copy(file, damaged);
        int at = number;
        LOG.severe(
            () ->
                "Spool file "
                    + file
                    + " line "
                    + at
                    + " is unreadable ("
                    + e.getMessage()
                    + "); sessions cut off before the last compaction will not be ended; the file"
                    + " is kept as "
                    + damaged);
        return new HashMap<>();
      }
    }
    return open;
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
