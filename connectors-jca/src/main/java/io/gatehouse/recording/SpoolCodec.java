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
 * One spool record: {@code [int length][body][int crc32c(body)]}, the body holding the event's
 * fields. Records are self-delimiting, so a reader stops cleanly at a torn tail.
 */
final class SpoolCodec {

  static final int MAX_RECORD = 16 * 1024 * 1024;
  private static final byte VERSION = 1;

  private SpoolCodec() {}

  static ByteBuffer encode(RecordedEvent event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + event.payloadJson().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeString(out, event.sessionId());
      out.writeLong(event.sequence());
      out.writeLong(event.at().getEpochSecond());
      out.writeInt(event.at().getNano());
      writeString(out, event.type());
      writeString(out, event.payloadJson());
      writeString(out, event.decision());
      writeString(out, event.ruleId());
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
    if (version != VERSION) {
      throw new IOException("unknown spool record version " + version);
    }
    String sessionId = readString(in);
    long sequence = in.readLong();
    Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
    String type = readString(in);
    String payload = readString(in);
    String decision = readString(in);
    String ruleId = readString(in);
    return new RecordedEvent(sessionId, sequence, at, type, payload, decision, ruleId);
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
