package io.gatehouse.pg.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {
  private static final byte[] QUERY = FrontendEncoder.query("SELECT 1");

  static IntStream truncations() {
    return IntStream.range(0, QUERY.length);
  }

  @ParameterizedTest
  @MethodSource("truncations")
  void truncatedFrameNeedsMoreBytesAndLeavesPosition(int available) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(QUERY, 0, available);
    assertNull(FrameDecoder.frontend().next(b), "no frame from " + available + " bytes");
    assertEquals(0, b.position(), "position untouched");
  }

  @Test
  void cutsConsecutiveFramesAndKeepsTheRest() throws Exception {
    byte[] sync = FrontendEncoder.sync();
    ByteBuffer b = ByteBuffer.wrap(Bytes.concat(QUERY, sync, new byte[] {'Q', 0}));
    FrameDecoder d = FrameDecoder.frontend();
    Frame q = d.next(b);
    Frame s = d.next(b);
    assertEquals(FrontendCode.QUERY, q.type(), "first frame is Query");
    assertEquals(FrontendCode.SYNC, s.type(), "second frame is Sync");
    assertEquals(QUERY.length - 1, q.length(), "length as the length field says");
    assertEquals(ByteBuffer.wrap(QUERY), q.raw(), "raw is the whole frame");
    assertNull(d.next(b), "partial third frame");
    assertEquals(2, b.remaining(), "partial bytes stay in the buffer");
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 3})
  void lengthBelowFourIsAProtocolViolation(int length) {
    ByteBuffer b = ByteBuffer.allocate(9).put((byte) 'Q').putInt(length).flip();
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> FrameDecoder.frontend().next(b));
    assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState(), "08P01");
    assertTrue(e.getMessage().contains("Query"), "names the message: " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1025, 1 << 20, Integer.MAX_VALUE})
  void lengthAboveLimitIsRefusedBeforeBuffering(int length) {
    ByteBuffer b = ByteBuffer.allocate(5).put((byte) 'd').putInt(length).flip();
    WireFormatException e =
        assertThrows(WireFormatException.class, () -> FrameDecoder.frontend(1024).next(b));
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, e.sqlState(), "54000");
  }

  @Test
  void defaultLimitsDifferByDirection() {
    assertEquals(64 << 20, FrameDecoder.frontend().maxLength(), "frontend 64 MiB");
    assertEquals(1 << 30, FrameDecoder.backend().maxLength(), "backend 1 GiB");
  }

  @Test
  void frameSizeTellsHowBigABufferMustGrow() throws Exception {
    ByteBuffer header = ByteBuffer.wrap(QUERY, 0, 5);
    assertEquals(QUERY.length, FrameDecoder.frontend().frameSize(header), "whole frame size");
    assertEquals(-1, FrameDecoder.frontend().frameSize(ByteBuffer.wrap(QUERY, 0, 4)), "no header");
  }

  @Test
  void fatalErrorResponseCarriesTheMessage() throws Exception {
    WireFormatException e = new WireFormatException("invalid message length 2");
    BackendMessage m = BackendMessages.parse(Frame.ofTyped(e.toFatalErrorResponse()));
    ErrorFields f = ((BackendMessage.ErrorResponse) m).fields();
    assertEquals("FATAL", f.severity(), "severity");
    assertEquals("08P01", f.sqlState(), "sqlstate");
    assertEquals("invalid message length 2", f.message(), "message");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 4, 7, 10001, -5})
  void startupPacketLengthOutOfRange(int length) {
    ByteBuffer b = ByteBuffer.allocate(8).putInt(length).putInt(0).flip();
    assertThrows(WireFormatException.class, () -> new StartupDecoder().next(b), "length " + length);
  }

  @Test
  void startupPacketNeedsMoreBytes() throws Exception {
    byte[] ssl = FrontendEncoder.sslRequest();
    for (int i = 0; i < ssl.length; i++) {
      assertNull(new StartupDecoder().next(ByteBuffer.wrap(ssl, 0, i)), i + " bytes");
    }
    Frame f = new StartupDecoder().next(ByteBuffer.wrap(ssl));
    assertNotNull(f, "complete SSLRequest");
    assertEquals(8, f.length(), "SSLRequest is 8 bytes");
  }

  @Test
  void streamReaderReadsFramesAndReportsEof() throws Exception {
    byte[] two = Bytes.concat(BackendEncoder.commandComplete("SELECT 1"), new byte[] {'Z', 0, 0});
    StreamFrameReader r =
        new StreamFrameReader(new ByteArrayInputStream(two), FrameDecoder.backend());
    assertEquals(BackendCode.COMMAND_COMPLETE, r.read().type(), "first frame");
    assertThrows(EOFException.class, r::read, "truncated second frame");
  }

  @Test
  void streamReaderRejectsLyingLength() {
    byte[] lying = {'D', 0x7f, 0, 0, 0};
    StreamFrameReader r =
        new StreamFrameReader(new ByteArrayInputStream(lying), FrameDecoder.backend(1 << 20));
    assertThrows(WireFormatException.class, r::read, "length beyond limit");
  }
}
