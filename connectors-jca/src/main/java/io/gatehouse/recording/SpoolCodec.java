package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * One spool record: {@code [int length][body][int crc32c(body)]}, the body holding a version byte
 * and the event's fields. Records are self-delimiting, so a reader stops cleanly at a torn tail.
 * Version 2 appends the chain hashes (previous, own) to version 1's fields; version 1 records,
 * written before recordings were chained, are still read (as events without hashes).
 */
final class SpoolCodec {

  static final int MAX_RECORD = 16 * 1024 * 1024;
  static final byte VERSION = 2;
  static final byte VERSION_UNCHAINED = 1;

  private SpoolCodec() {}

  static ByteBuffer encode(RecordedEvent event) {
    return encode(event, VERSION);
  }

  // Sized up front and written once: this runs for every event of every session.
  static ByteBuffer encode(RecordedEvent event, byte version) {
    boolean chained = version >= VERSION;
    byte[][] texts = {
      utf8(event.sessionId()),
      utf8(event.type()),
      utf8(event.payloadJson()),
      utf8(event.decision()),
      utf8(event.ruleId()),
      chained ? utf8(event.previousHash()) : null,
      chained ? utf8(event.hash()) : null
    };
    long size = 1 + 8 + 8 + 4 + (chained ? 7 : 5) * 4L;
    for (byte[] text : texts) {
      size += text == null ? 0 : text.length;
    }
    if (size > MAX_RECORD) {
      throw new IllegalArgumentException("event of " + size + " bytes exceeds the spool limit");
    }
    int length = (int) size;
    ByteBuffer record = ByteBuffer.allocate(length + 8);
    record.putInt(length).put(version);
    putText(record, texts[0]);
    record.putLong(event.sequence());
    record.putLong(event.at().getEpochSecond());
    record.putInt(event.at().getNano());
    for (int t = 1; t < (chained ? 7 : 5); t++) {
      putText(record, texts[t]);
    }
    CRC32C crc = new CRC32C();
    crc.update(record.array(), 4, length);
    record.putInt((int) crc.getValue()).flip();
    return record;
  }

  private static byte[] utf8(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  private static void putText(ByteBuffer record, byte[] text) {
    if (text == null) {
      record.putInt(-1);
    } else {
      record.putInt(text.length).put(text);
    }
  }

  /** Decodes a record body whose CRC has been checked. */
  static RecordedEvent decode(byte[] body) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(body);
    try {
      byte version = in.get();
      if (version != VERSION && version != VERSION_UNCHAINED) {
        throw new IOException("unknown spool record version " + version);
      }
      String sessionId = readString(in);
      long sequence = in.getLong();
      Instant at = Instant.ofEpochSecond(in.getLong(), in.getInt());
      String type = readString(in);
      String payload = readString(in);
      String decision = readString(in);
      String ruleId = readString(in);
      String previousHash = version >= VERSION ? readString(in) : null;
      String hash = version >= VERSION ? readString(in) : null;
      return new RecordedEvent(
          sessionId, sequence, at, type, payload, decision, ruleId, previousHash, hash);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException("spool record ends early", e);
    }
  }

  static boolean crcMatches(byte[] body, int expected) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return (int) crc.getValue() == expected;
  }

  private static String readString(ByteBuffer in) throws IOException {
    int length = in.getInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > in.remaining()) {
      throw new IOException("corrupt string length " + length);
    }
    String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }
}
