package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SftpOperationsTest {

  private final List<SftpOperations.Operation> seen = new ArrayList<>();
  private final SftpOperations ops = new SftpOperations(seen::add);
  private final SftpPackets requests = new SftpPackets(ops::request);
  private final SftpPackets replies = new SftpPackets(ops::reply);

  /** A packet: type, then ints (Integer), longs (Long), strings (String) or raw data (byte[]). */
  private static byte[] packet(int type, Object... fields) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(type);
    for (Object field : fields) {
      ByteBuffer b;
      if (field instanceof Integer i) {
        b = ByteBuffer.allocate(4).putInt(i);
      } else if (field instanceof Long l) {
        b = ByteBuffer.allocate(8).putLong(l);
      } else {
        byte[] s =
            field instanceof byte[] raw ? raw : ((String) field).getBytes(StandardCharsets.UTF_8);
        b = ByteBuffer.allocate(4 + s.length).putInt(s.length).put(s);
      }
      body.writeBytes(b.array());
    }
    byte[] bytes = body.toByteArray();
    return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
  }

  private static void feed(SftpPackets packets, byte[] bytes, int chunk) throws IOException {
    for (int at = 0; at < bytes.length; at += chunk) {
      packets.feed(bytes, at, Math.min(chunk, bytes.length - at));
    }
  }

  @ParameterizedTest(name = "fed {0} bytes at a time")
  @ValueSource(ints = {1, 3, 7, 64 * 1024})
  void uploadIsReportedAtCloseWithItsBytes(int chunk) throws IOException {
    byte[] handle = {0, 0, 0, (byte) 0xff};
    feed(requests, packet(SftpOperations.OPEN, 1, "/srv/a.txt", 0x1a, 0), chunk);
    feed(replies, packet(SftpOperations.HANDLE, 1, handle), chunk);
    feed(requests, packet(SftpOperations.WRITE, 2, handle, 0L, new byte[40_000]), chunk);
    feed(requests, packet(SftpOperations.WRITE, 3, handle, 40_000L, new byte[10]), chunk);
    feed(requests, packet(SftpOperations.CLOSE, 4, handle), chunk);
    assertTrue(seen.isEmpty(), "nothing before the server answers the close");
    feed(replies, packet(SftpOperations.STATUS, 4, 0, "", ""), chunk);
    assertEquals(
        List.of(
            new SftpOperations.Operation("close", "/srv/a.txt", null, "write", 0, 40_010, "ok")),
        seen);
  }

  @Test
  void refusalsCarryTheServersMessage() throws IOException {
    feed(requests, packet(SftpOperations.REMOVE, 9, "/etc/passwd"), 5);
    feed(replies, packet(SftpOperations.STATUS, 9, 3, "Permission denied", ""), 5);
    feed(requests, packet(SftpOperations.EXTENDED, 10, "posix-rename@openssh.com", "/a", "/b"), 5);
    feed(replies, packet(SftpOperations.STATUS, 10, 0, "Success", ""), 5);
    assertEquals(
        List.of(
            new SftpOperations.Operation(
                "remove", "/etc/passwd", null, null, 0, 0, "Permission denied"),
            new SftpOperations.Operation("rename", "/a", "/b", null, 0, 0, "ok")),
        seen);
  }

  @Test
  void garbageStopsTheParserWithoutFailingTheChannel() throws IOException {
    byte[] garbage = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    requests.feed(garbage, 0, garbage.length);
    assertTrue(requests.broken(), "a length of 1.1 GB is not sftp");
    feed(replies, packet(SftpOperations.STATUS, 77, 0, "", ""), 2);
    assertTrue(seen.isEmpty(), "an answer to nothing reports nothing");
  }

  @Test
  void truncatedFieldsAreSkipped() throws IOException {
    byte[] bad = packet(SftpOperations.OPEN, 1, 9999, "x");
    requests.feed(bad, 0, bad.length);
    assertFalse(requests.broken(), "the framing is intact");
    feed(replies, packet(SftpOperations.STATUS, 1, 2, "No such file", ""), 4);
    assertTrue(seen.isEmpty(), "the malformed open was not followed: " + seen);
  }
}
