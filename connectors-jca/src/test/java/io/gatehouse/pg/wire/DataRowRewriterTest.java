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

  private static byte[] b(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
