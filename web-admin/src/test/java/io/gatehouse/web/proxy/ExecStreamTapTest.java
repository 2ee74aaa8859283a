package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exec stream tap over real RFC 6455 framing, fed in awkward chunks. */
class ExecStreamTapTest {

  static class Recorded implements StreamRecording {
    final List<String> events = new ArrayList<>();
    boolean closed;

    @Override
    public double seconds() {
      return 1.5;
    }

    @Override
    public void event(String type, String payloadJson) {
      events.add(type + " " + payloadJson);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static byte[] frame(int channel, String text, byte[] mask) throws IOException {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] p = new byte[t.length + 1];
    p[0] = (byte) channel;
    System.arraycopy(t, 0, p, 1, t.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WebSocketFrames.write(out, new WebSocketFrames.Frame(true, 0, WebSocketFrames.BINARY, p, mask));
    return out.toByteArray();
  }

  /** Writes one byte at a time: the parser must not care how the bytes arrive. */
  private static void dribble(OutputStream out, byte[] bytes) throws IOException {
    for (byte b : bytes) {
      out.write(new byte[] {b}, 0, 1);
    }
  }

  private static List<byte[]> payloads(byte[] stream) throws IOException {
    List<byte[]> out = new ArrayList<>();
    new WebSocketFrames(1 << 20, f -> out.add(f.payload())).feed(stream, 0, stream.length);
    return out;
  }

  @Test
  void stdoutIsMaskedReframedAndRecorded() throws Exception {
    Recorded rec = new Recorded();
    ExecStreamTap tap = new ExecStreamTap(rec, s -> s.replace("4111", "****"), "sh -c id");
    ByteArrayOutputStream caller = new ByteArrayOutputStream();
    OutputStream toCaller = tap.toCaller(caller);
    String big = "x".repeat(70_000) + " 4111\n";
    dribble(toCaller, frame(1, "card 4111\n", null));
    toCaller.write(frame(1, big, null));
    dribble(toCaller, frame(3, "{\"status\":\"Success\"}", null));
    List<byte[]> got = payloads(caller.toByteArray());
    assertEquals(3, got.size());
    assertEquals(
        "card ****\n", new String(got.get(0), 1, got.get(0).length - 1, StandardCharsets.UTF_8));
    assertEquals(1, got.get(0)[0], "channel kept");
    assertTrue(new String(got.get(1), StandardCharsets.UTF_8).endsWith(" ****\n"), "64-bit length");
    assertEquals(
        "command {\"command\":\"sh -c id\",\"t\":1.5}", rec.events.get(0), "described first");
    assertEquals(
        "output {\"stream\":\"stdout\",\"t\":1.5,\"data\":\"card ****\\n\"}", rec.events.get(1));
    assertTrue(rec.events.get(3).startsWith("exit "), rec.events.toString());
    tap.close();
    assertTrue(rec.closed);
  }

  @Test
  void callerFramesPassUnchangedAndStdinAndResizeAreRecorded() throws Exception {
    Recorded rec = new Recorded();
    ExecStreamTap tap = new ExecStreamTap(rec, null, "bash");
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    OutputStream toTarget = tap.toTarget(target);
    byte[] mask = {1, 2, 3, 4};
    byte[] resize = frame(4, "{\"Width\":120,\"Height\":40}", mask);
    byte[] stdin = frame(0, "ls -l\r", mask);
    byte[] resize2 = frame(4, "{\"Width\":100,\"Height\":30}", mask);
    dribble(toTarget, resize);
    toTarget.write(stdin);
    toTarget.write(resize2);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(resize);
    expected.write(stdin);
    expected.write(resize2);
    assertEquals(
        new String(expected.toByteArray(), StandardCharsets.ISO_8859_1),
        new String(target.toByteArray(), StandardCharsets.ISO_8859_1),
        "the caller's frames reach the target byte for byte, masked as sent");
    assertEquals(
        List.of(
            "command {\"command\":\"bash\",\"t\":1.5,\"width\":120,\"height\":40}",
            "input {\"stream\":\"stdin\",\"t\":1.5,\"data\":\"ls -l\\r\"}",
            "resize {\"t\":1.5,\"width\":100,\"height\":30}"),
        rec.events);
  }

  @Test
  void anOversizedFrameIsRefused() {
    ExecStreamTap tap = new ExecStreamTap(new Recorded(), null, "x");
    OutputStream toCaller = tap.toCaller(new ByteArrayOutputStream());
    byte[] header = {(byte) 0x82, 127, 0, 0, 0, 0, 0x7f, 0, 0, 0};
    IOException e = assertThrows(IOException.class, () -> toCaller.write(header));
    assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
  }

  @Test
  void aTerminatedStreamTellsTheCallerOnTheErrorChannelAndIsClosed() throws Exception {
    java.util.concurrent.atomic.AtomicReference<java.util.function.Consumer<String>> stop =
        new java.util.concurrent.atomic.AtomicReference<>();
    Recorded rec =
        new Recorded() {
          @Override
          public void onTerminate(java.util.function.Consumer<String> s) {
            stop.set(s);
          }
        };
    ExecStreamTap tap = new ExecStreamTap(rec, null, "cat");
    ByteArrayOutputStream caller = new ByteArrayOutputStream();
    OutputStream toCaller = tap.toCaller(caller);
    int[] closed = {0};
    tap.attach(() -> closed[0]++);
    toCaller.write(frame(1, "before\n", null));

    stop.get().accept("grant g1 was revoked by bob: over");
    stop.get().accept("again");
    assertEquals(1, closed[0], "the relay is closed once");
    assertThrows(IOException.class, () -> toCaller.write(frame(1, "after\n", null)));
    List<byte[]> got = payloads(caller.toByteArray());
    assertEquals(3, got.size(), "stdout, the error channel, a close frame");
    assertEquals(2, got.get(2).length, "close with a status code");
    assertEquals(3, got.get(1)[0], "error channel");
    String status = new String(got.get(1), 1, got.get(1).length - 1, StandardCharsets.UTF_8);
    assertTrue(
        status.contains("\"status\":\"Failure\"")
            && status.contains("the session was ended: grant g1 was revoked by bob: over"),
        status);
    assertTrue(
        rec.events.get(rec.events.size() - 1).startsWith("exit ")
            && rec.events.get(rec.events.size() - 1).contains("terminated: grant g1"),
        "recorded: " + rec.events);
  }
}
