package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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

  static ByteBuffer encode(RecordedEvent event, byte version) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + event.payloadJson().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(version);
      writeString(out, event.sessionId());
      out.writeLong(event.sequence());
      out.writeLong(event.at().getEpochSecond());
      out.writeInt(event.at().getNano());
      writeString(out, event.type());
      writeString(out, event.payloadJson());
      writeString(out, event.decision());
      writeString(out, event.ruleId());
      if (version >= VERSION) {
        writeString(out, event.previousHash());
        writeString(out, event.hash());
      }
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream cannot fail", e);
    }
    byte[] body = bytes.toByteArray();
    if (body.length > MAX_RECORD) {
      throw new IllegalArgumentException(
          "event of " + body.length + " bytes exceeds the spool limit");
    }
    CRC32C crc = new CRC32C();
    crc.update(body);
    ByteBuffer record = ByteBuffer.allocate(body.length + 8);
    record.putInt(body.length).put(body).putInt((int) crc.getValue()).flip();
    return record;
  }

  /** Decodes a record body whose CRC has been checked. */
  static RecordedEvent decode(byte[] body) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
    byte version = in.readByte();
    if (version != VERSION && version != VERSION_UNCHAINED) {
      throw new IOException("unknown spool record version " + version);
    }
    String sessionId = readString(in);
    long sequence = in.readLong();
    Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
    String type = readString(in);
    String payload = readString(in);
    String decision = readString(in);
    String ruleId = readString(in);
    String previousHash = version >= VERSION ? readString(in) : null;
    String hash = version >= VERSION ? readString(in) : null;
    return new RecordedEvent(
        sessionId, sequence, at, type, payload, decision, ruleId, previousHash, hash);
  }

  static boolean crcMatches(byte[] body, int expected) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return (int) crc.getValue() == expected;
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > MAX_RECORD) {
      throw new IOException("corrupt string length " + length);
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
