package io.gatehouse.pg.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocking frame reader: frames of every size reassemble exactly however the bytes arrive, and
 * memory follows the bytes that arrive, never the length a peer declares.
 */
class StreamFrameReaderTest {

  private static final int MIB = 1 << 20;

  /** A CopyData frame ({@code 'd'}) whose body is {@code bodyLength} pseudo-random bytes. */
  private static byte[] frame(int bodyLength) {
    byte[] body = new byte[bodyLength];
    new Random(bodyLength).nextBytes(body);
    return Bytes.typed('d', body);
  }

  /** Hands out at most {@code step} bytes per read, as a slow socket does. */
  private static InputStream trickle(byte[] bytes, int step) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  private static byte[] bytesOf(Frame frame) {
    ByteBuffer raw = frame.raw();
    byte[] out = new byte[raw.remaining()];
    raw.get(out);
    return out;
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        0,
        1,
        StreamFrameReader.EXACT_LIMIT - 1,
        StreamFrameReader.EXACT_LIMIT,
        StreamFrameReader.EXACT_LIMIT + 1,
        3 * StreamFrameReader.EXACT_LIMIT,
        3 * StreamFrameReader.EXACT_LIMIT + 1,
        StreamFrameReader.MAX_CHUNK,
        StreamFrameReader.MAX_CHUNK + 1,
        5 * MIB
      })
  void aFrameOfAnySizeReassemblesExactly(int bodyLength) throws Exception {
    byte[] wire = Bytes.concat(frame(bodyLength), BackendEncoder.commandComplete("COPY 1"));
    StreamFrameReader reader =
        new StreamFrameReader(new ByteArrayInputStream(wire), FrameDecoder.frontend());
    Frame first = reader.read();
    assertEquals(bodyLength + 4, first.length(), "length of a " + bodyLength + "-byte body");
    assertArrayEquals(frame(bodyLength), bytesOf(first), "every byte of the frame, in order");
    assertEquals(BackendCode.COMMAND_COMPLETE, reader.read().type(), "the next frame follows");
  }

  @Test
  void aFiveMebibyteFrameArrivingInSmallPiecesReassemblesExactly() throws Exception {
    byte[] wire = frame(5 * MIB);
    for (int step : new int[] {1_000, 8_191, 65_537}) {
      StreamFrameReader reader =
          new StreamFrameReader(trickle(wire, step), FrameDecoder.frontend());
      assertArrayEquals(wire, bytesOf(reader.read()), "reassembled from " + step + "-byte reads");
    }
  }

  @Test
  void aHugeDeclaredLengthWithoutItsBytesAllocatesOnlyOneChunk() {
    byte[] header = {'d', 0, 0, 0, 0};
    ByteBuffer.wrap(header, 1, 4).putInt(60 * MIB + 4);
    byte[] wire = Bytes.concat(header, new byte[10]);
    StreamFrameReader reader =
        new StreamFrameReader(new ByteArrayInputStream(wire), FrameDecoder.frontend());
    long before = allocatedByThisThread();
    assertThrows(EOFException.class, reader::read, "the peer closed mid-frame");
    long allocated = allocatedByThisThread() - before;
    assertTrue(
        allocated < 2 * StreamFrameReader.EXACT_LIMIT + 64 * 1024,
        "60 MiB declared, 10 bytes sent: " + allocated + " bytes allocated");
  }

  @Test
  void memoryGrowsWithTheBytesThatArriveNotWithTheDeclaredLength() {
    int declared = 60 * MIB;
    int sent = 3 * MIB;
    byte[] cut = frame(sent);
    ByteBuffer.wrap(cut, 1, 4).putInt(declared + 4);
    StreamFrameReader reader =
        new StreamFrameReader(new ByteArrayInputStream(cut), FrameDecoder.frontend());
    long before = allocatedByThisThread();
    assertThrows(EOFException.class, reader::read, "the peer closed mid-frame");
    long allocated = allocatedByThisThread() - before;
    assertTrue(
        allocated <= sent + StreamFrameReader.MAX_CHUNK + 64 * 1024,
        "3 MiB of 60 MiB sent: " + allocated + " bytes allocated");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, StreamFrameReader.EXACT_LIMIT + 7, 2 * MIB + 3})
  void theEndOfTheStreamMidFrameIsAnEofError(int bodyBytesSent) {
    byte[] wire = frame(2 * MIB + 4);
    byte[] cut = Arrays.copyOf(wire, 5 + bodyBytesSent);
    StreamFrameReader reader =
        new StreamFrameReader(new ByteArrayInputStream(cut), FrameDecoder.frontend());
    assertThrows(EOFException.class, reader::read, bodyBytesSent + " of the body's bytes");
    byte[] small = Bytes.typed('Q', new byte[200]);
    StreamFrameReader smallReader =
        new StreamFrameReader(
            new ByteArrayInputStream(Arrays.copyOf(small, 5 + Math.min(199, bodyBytesSent))),
            FrameDecoder.frontend());
    assertThrows(EOFException.class, smallReader::read, "a small frame cut short");
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 3})
  void aLengthBelowFourIsRefusedWithTheUsualMessage(int length) {
    byte[] wire = ByteBuffer.allocate(64).put((byte) 'Q').putInt(length).array();
    StreamFrameReader reader =
        new StreamFrameReader(new ByteArrayInputStream(wire), FrameDecoder.frontend());
    WireFormatException e = assertThrows(WireFormatException.class, reader::read);
    assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState(), "protocol violation");
    assertEquals("invalid message length " + length + " for Query", e.getMessage(), "message");
  }

  @Test
  void aLengthAboveTheLimitIsRefusedBeforeAnyAllocation() {
    byte[] wire = ByteBuffer.allocate(5).put((byte) 'Q').putInt(Integer.MAX_VALUE).array();
    StreamFrameReader reader =
        new StreamFrameReader(new ByteArrayInputStream(wire), FrameDecoder.frontend());
    WireFormatException e = assertThrows(WireFormatException.class, reader::read);
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, e.sqlState(), "program limit exceeded");
    assertEquals(
        "Query message too long: 2147483647 bytes, limit 67108864", e.getMessage(), "message");
  }
}
