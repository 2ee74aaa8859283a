package io.gatehouse.pg.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataRowRewriterTest {
  private static final byte[] ROW =
      BackendEncoder.dataRow(
          Arrays.asList("42".getBytes(), "alice@example.com".getBytes(), null, "x".getBytes()));

  @Test
  void masksSelectedColumnsAndCopiesOthersUntouched() throws Exception {
    DataRowRewriter r = DataRowRewriter.ofBytes(new int[] {1, 2}, v -> "***".getBytes());
    ByteBuffer out = r.rewrite(ByteBuffer.wrap(ROW));
    DataRow row = (DataRow) BackendMessages.parse(FrameDecoder.backend().next(out.duplicate()));
    assertEquals(Bytes.utf8("42"), row.value(0), "untouched");
    assertEquals(Bytes.utf8("***"), row.value(1), "masked");
    assertTrue(row.isNull(2), "NULL stays NULL, function not called");
    assertEquals(Bytes.utf8("x"), row.value(3), "untouched");
  }

  @Test
  void unchangedRowReturnsTheSameBuffer() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(ROW);
    assertSame(in, DataRowRewriter.ofBytes(new int[] {0, 1}, v -> v).rewrite(in), "identity");
    assertSame(in, DataRowRewriter.ofBytes(new int[] {0}, v -> v.clone()).rewrite(in), "equal");
    assertSame(in, DataRowRewriter.ofBytes(new int[] {9}, v -> new byte[0]).rewrite(in), "absent");
    assertSame(in, DataRowRewriter.ofBytes(new int[] {2}, v -> new byte[0]).rewrite(in), "NULL");
  }

  @Test
  void zeroCopyRewriterSeesSlicesAndReusesScratch() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    DataRowRewriter r =
        new DataRowRewriter(
            new int[] {3},
            (col, v) -> {
              calls.incrementAndGet();
              return v.get(0) == 'x' ? null : new byte[] {'y'};
            });
    ByteBuffer in = ByteBuffer.wrap(ROW);
    for (int i = 0; i < 3; i++) {
      assertSame(in, r.rewrite(in), "unchanged, pass " + i);
    }
    assertEquals(3, calls.get(), "called once per row");
  }

  @Test
  void growsAndShrinksValues() throws Exception {
    DataRowRewriter r = DataRowRewriter.ofBytes(new int[] {0, 3}, v -> new byte[v.length * 10]);
    ByteBuffer out = r.rewrite(ByteBuffer.wrap(ROW));
    assertEquals(ROW.length + 18 + 9, out.remaining(), "new frame length");
    DataRow row = (DataRow) BackendMessages.parse(FrameDecoder.backend().next(out));
    assertEquals(20, row.value(0).remaining(), "grown");
    assertEquals(10, row.value(3).remaining(), "grown");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 6, 7, 10, 12})
  void truncatedRowIsRejected(int cut) {
    ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(ROW, cut));
    assertThrows(
        WireFormatException.class,
        () -> DataRowRewriter.ofBytes(new int[] {0}, v -> v).rewrite(b),
        "cut at " + cut);
  }

  @Test
  void notADataRowIsRejected() {
    ByteBuffer b = ByteBuffer.wrap(BackendEncoder.commandComplete("SELECT 1"));
    assertThrows(
        WireFormatException.class, () -> DataRowRewriter.ofBytes(new int[] {0}, v -> v).rewrite(b));
  }

  @Test
  void frameRewriteCopiesUnchangedStretchesAndReusesItsBuffer() throws Exception {
    byte[] row =
        BackendEncoder.dataRow(
            Arrays.asList(b("1"), b("secret"), null, b("keep me"), b("drop"), b("tail")));
    DataRowRewriter r =
        new DataRowRewriter(
            new int[] {1, 2, 4, 5},
            (DataRowRewriter.RegionRewriter)
                (column, array, offset, length) ->
                    switch (column) {
                      case 1 -> "******".getBytes();
                      case 4 -> DataRowRewriter.SQL_NULL;
                      default -> null;
                    });
    byte[] expected =
        BackendEncoder.dataRow(
            Arrays.asList(b("1"), b("******"), null, b("keep me"), null, b("tail")));
    Frame frame = FrameDecoder.backend().next(ByteBuffer.wrap(row));
    ByteBuffer first = r.rewrite(frame);
    assertEquals(ByteBuffer.wrap(expected), first, "rewritten in place of the old values");
    assertEquals(ByteBuffer.wrap(expected), r.rewrite(frame.raw()), "read-only input too");
    ByteBuffer second = r.rewrite(frame);
    assertSame(first.array(), second.array(), "the buffer is reused");
    assertEquals(ByteBuffer.wrap(expected), second, "and the row is the same again");
    byte[] nulls = BackendEncoder.dataRow(Arrays.asList(b("1"), null, null, b("k"), null, b("t")));
    Frame unchanged = FrameDecoder.backend().next(ByteBuffer.wrap(nulls));
    assertEquals(null, r.rewrite(unchanged), "nothing changed: null, relay the frame");
  }

  @Test
  void sameLengthValuesAreMaskedWhereTheyLieInTheFramesOwnArray() throws Exception {
    byte[] row =
        BackendEncoder.dataRow(Arrays.asList(b("1"), b("4111111111111111"), null, b("keep")));
    DataRowRewriter r =
        new DataRowRewriter(
            new int[] {1, 2, 3},
            (DataRowRewriter.RegionRewriter)
                (column, array, offset, length) ->
                    column == 1 ? "************1111".getBytes() : null);
    byte[] expected =
        BackendEncoder.dataRow(Arrays.asList(b("1"), b("************1111"), null, b("keep")));
    byte[] wire = new byte[row.length + 6]; // the frame between other bytes of a read buffer
    System.arraycopy(row, 0, wire, 3, row.length);
    ByteBuffer in = ByteBuffer.wrap(wire, 3, row.length);
    Frame frame = FrameDecoder.backend().next(in);
    ByteBuffer out = r.rewrite(frame);
    assertSame(wire, out.array(), "no copy of the row: the frame's own array");
    assertEquals(ByteBuffer.wrap(expected), out, "the new value over the old one");
    byte[] around = new byte[6];
    System.arraycopy(wire, 0, around, 0, 3);
    System.arraycopy(wire, 3 + row.length, around, 3, 3);
    assertEquals(ByteBuffer.wrap(new byte[6]), ByteBuffer.wrap(around), "nothing else written");
  }

  @Test
  void aLengthChangeOrANullIsAssembledAndLeavesTheFrameAsItWas() throws Exception {
    byte[] row = BackendEncoder.dataRow(Arrays.asList(b("4111111111111111"), b("bob")));
    for (byte[] second : new byte[][] {b("****"), DataRowRewriter.SQL_NULL}) {
      DataRowRewriter r =
          new DataRowRewriter(
              new int[] {0, 1},
              (DataRowRewriter.RegionRewriter)
                  (column, array, offset, length) ->
                      column == 0 ? "************1111".getBytes() : second);
      byte[] wire = row.clone();
      ByteBuffer out = r.rewrite(FrameDecoder.backend().next(ByteBuffer.wrap(wire)));
      assertTrue(out.array() != wire, "assembled in the rewriter's buffer");
      assertEquals(
          ByteBuffer.wrap(
              BackendEncoder.dataRow(
                  Arrays.asList(
                      b("************1111"), second == DataRowRewriter.SQL_NULL ? null : second))),
          out);
      assertEquals(ByteBuffer.wrap(row), ByteBuffer.wrap(wire), "the frame itself is untouched");
    }
  }

  /** Stars all but the last four bytes in place when it may, else returns them as a new value. */
  private static final DataRowRewriter.RegionMasker STARS =
      (column, array, offset, length, writable) -> {
        if (!writable) {
          byte[] v = Arrays.copyOfRange(array, offset, offset + length);
          Arrays.fill(v, 0, length - 4, (byte) '*');
          return v;
        }
        Arrays.fill(array, offset, offset + length - 4, (byte) '*');
        return DataRowRewriter.IN_PLACE;
      };

  @Test
  void aRegionMaskerWritesInPlaceOnlyInTheRelaysOwnFrameOrItsCopy() throws Exception {
    byte[] row = BackendEncoder.dataRow(Arrays.asList(b("4111111111111111"), b("keep")));
    ByteBuffer expected =
        ByteBuffer.wrap(BackendEncoder.dataRow(Arrays.asList(b("************1111"), b("keep"))));
    DataRowRewriter r = new DataRowRewriter(new int[] {0}, STARS);

    byte[] relayed = row.clone();
    ByteBuffer out = r.rewrite(FrameDecoder.backend().next(ByteBuffer.wrap(relayed)));
    assertSame(relayed, out.array(), "the relay's frame: masked where it lies");
    assertEquals(expected, out);

    byte[] callers = row.clone();
    assertEquals(expected, r.rewrite(ByteBuffer.wrap(callers)), "a caller's buffer");
    assertEquals(ByteBuffer.wrap(row), ByteBuffer.wrap(callers), "is never written");

    byte[] readOnly = row.clone();
    Frame frame = FrameDecoder.backend().next(ByteBuffer.wrap(readOnly).asReadOnlyBuffer());
    assertEquals(expected, r.rewrite(frame), "a read-only frame: masked in the rewriter's copy");
    assertEquals(ByteBuffer.wrap(row), ByteBuffer.wrap(readOnly), "and left as it was");
  }

  @Test
  void valuesMaskedInPlaceAndValuesThatChangeLengthMixInOneRow() throws Exception {
    byte[] row =
        BackendEncoder.dataRow(
            Arrays.asList(b("4111111111111111"), b("bob"), null, b("5500000000000004"), b("x")));
    DataRowRewriter r =
        new DataRowRewriter(
            new int[] {0, 1, 2, 3},
            (DataRowRewriter.RegionMasker)
                (column, array, offset, length, writable) ->
                    column == 1
                        ? b("****")
                        : STARS.rewrite(column, array, offset, length, writable));
    ByteBuffer out = r.rewrite(FrameDecoder.backend().next(ByteBuffer.wrap(row.clone())));
    assertEquals(
        ByteBuffer.wrap(
            BackendEncoder.dataRow(
                Arrays.asList(
                    b("************1111"), b("****"), null, b("************0004"), b("x")))),
        out);
  }

  @Test
  void aValueClaimedWrittenInACallersBufferIsAnError() {
    byte[] row = BackendEncoder.dataRow(Arrays.asList(b("4111111111111111")));
    DataRowRewriter r =
        new DataRowRewriter(
            new int[] {0},
            (DataRowRewriter.RegionMasker)
                (column, array, offset, length, writable) -> DataRowRewriter.IN_PLACE);
    assertThrows(IllegalStateException.class, () -> r.rewrite(ByteBuffer.wrap(row)));
  }

  @Test
  void aReadOnlyFrameIsNeverWritten() throws Exception {
    byte[] row = BackendEncoder.dataRow(Arrays.asList(b("4111111111111111")));
    DataRowRewriter r =
        new DataRowRewriter(
            new int[] {0},
            (DataRowRewriter.RegionRewriter)
                (column, array, offset, length) -> "************1111".getBytes());
    byte[] wire = row.clone();
    Frame frame = FrameDecoder.backend().next(ByteBuffer.wrap(wire).asReadOnlyBuffer());
    assertEquals(
        ByteBuffer.wrap(BackendEncoder.dataRow(Arrays.asList(b("************1111")))),
        r.rewrite(frame));
    assertEquals(ByteBuffer.wrap(row), ByteBuffer.wrap(wire), "the read-only frame is untouched");
  }

  private static byte[] b(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
