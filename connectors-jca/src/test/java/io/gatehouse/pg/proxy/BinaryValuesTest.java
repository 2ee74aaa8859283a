package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.masking.ColumnRef;
import io.gatehouse.pg.wire.DataRowRewriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BinaryValuesTest {

  @Test
  void numericBinaryDecodesToItsTextForm() {
    // 1234.50: digits 1234, 5000; weight 0; positive; dscale 2
    ByteBuffer v = ByteBuffer.allocate(12);
    v.putShort((short) 2).putShort((short) 0).putShort((short) 0).putShort((short) 2);
    v.putShort((short) 1234).putShort((short) 5000).flip();
    assertEquals("1234.50", BinaryValues.decode(1700, v));
    // -4111111111111111: digits 4111 1111 1111 1111, weight 3, negative
    ByteBuffer card = ByteBuffer.allocate(16);
    card.putShort((short) 4).putShort((short) 3).putShort((short) 0x4000).putShort((short) 0);
    card.putShort((short) 4111).putShort((short) 1111).putShort((short) 1111);
    card.putShort((short) 1111).flip();
    assertEquals("-4111111111111111", BinaryValues.decode(1700, card));
  }

  @Test
  void aMalformedBinaryValueIsNotDecoded() {
    assertNull(BinaryValues.decode(20, ByteBuffer.allocate(3)), "int8 needs 8 bytes");
    ByteBuffer lying = ByteBuffer.allocate(8).putShort((short) 5).flip().limit(8);
    assertNull(BinaryValues.decode(1700, lying), "numeric digit count beyond the value");
    assertNull(BinaryValues.decode(3802, ByteBuffer.allocate(4)), "jsonb is not decoded");
  }

  @Test
  void theNumberAMaskedTextLeaves() {
    assertEquals(1111, BinaryValues.number("************1111"), "partial keeps the last four");
    assertEquals(0, BinaryValues.number("****"), "redact leaves zero");
    assertEquals(0x0123456789abcdefL, BinaryValues.number("h:0123456789abcdef"), "hash hex");
    assertTrue(BinaryValues.number("h:ffffffffffffffff") >= 0, "never negative");
  }

  @Test
  void onlyTypesWithoutAValidMaskedValueAreAlwaysWithheld() {
    assertFalse(BinaryValues.alwaysWithheld(20, true), "int8 is rewritten");
    assertFalse(BinaryValues.alwaysWithheld(17, true), "bytea is rewritten");
    assertTrue(BinaryValues.alwaysWithheld(1700, true), "numeric under a column rule");
    assertFalse(BinaryValues.alwaysWithheld(1700, false), "numeric is scanned by detectors");
    assertFalse(BinaryValues.alwaysWithheld(1114, false), "a timestamp holds no card number");
    assertFalse(BinaryValues.alwaysWithheld(3802, true), "jsonb is masked behind its version");
    assertFalse(BinaryValues.alwaysWithheld(1009, true), "a text[] is masked element by element");
    assertTrue(BinaryValues.alwaysWithheld(3904, false), "a range cannot be rewritten in place");
  }

  /** A binary array: one dimension of {@code elements} (null for a NULL element). */
  static ByteBuffer array(int elementType, byte[]... elements) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    boolean nulls = java.util.Arrays.stream(elements).anyMatch(java.util.Objects::isNull);
    out.writeBytes(
        ByteBuffer.allocate(20)
            .putInt(1)
            .putInt(nulls ? 1 : 0)
            .putInt(elementType)
            .putInt(elements.length)
            .putInt(1)
            .array());
    for (byte[] e : elements) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(e == null ? -1 : e.length).array());
      if (e != null) {
        out.writeBytes(e);
      }
    }
    return ByteBuffer.wrap(out.toByteArray());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static final io.gatehouse.masking.RowMasker MASKER =
      PgProxyMaskingTest.PLAN.forColumns(
          List.of(
              new ColumnRef(Optional.of("t"), "note"), new ColumnRef(Optional.of("t"), "card")));

  @Test
  void anArrayIsMaskedElementByElementAndStaysAValidArray() {
    String card = PgProxyMaskingTest.CARD;
    byte[] masked =
        BinaryValues.mask(MASKER, 0, 1009, array(25, utf8("pay " + card), null, utf8("x")));
    assertArrayEquals(
        array(25, utf8("pay ************1111"), null, utf8("x")).array(),
        masked,
        "text[] by the detector, the NULL element kept");
    byte[] number = ByteBuffer.allocate(8).putLong(Long.parseLong(card)).array();
    byte[] seven = ByteBuffer.allocate(8).putLong(7).array();
    assertArrayEquals(
        array(20, ByteBuffer.allocate(8).putLong(1111).array(), seven).array(),
        BinaryValues.mask(MASKER, 0, 1016, array(20, number, seven)),
        "int8[]: the card number keeps its last four digits");
    assertNull(
        BinaryValues.mask(MASKER, 0, 1016, array(20, seven, seven)), "nothing to mask: unchanged");
    byte[] uuid = ByteBuffer.allocate(16).putLong(1).putLong(2).array();
    assertArrayEquals(
        array(2950, null, null).array(),
        BinaryValues.mask(MASKER, 1, 2951, array(2950, uuid, uuid)),
        "uuid[] under a column rule: NULL elements, the has-nulls flag set");
  }

  @Test
  void aMalformedArrayIsSentAsNullNeverPassed() {
    byte[] card = utf8(PgProxyMaskingTest.CARD);
    ByteBuffer good = array(25, card);
    ByteBuffer wrongElement = array(23, card);
    assertSame(
        DataRowRewriter.SQL_NULL,
        BinaryValues.mask(MASKER, 0, 1009, wrongElement),
        "element type not the column's");
    ByteBuffer lying = ByteBuffer.wrap(good.array().clone());
    lying.putInt(20, 1000); // the element's length, beyond the value
    assertSame(DataRowRewriter.SQL_NULL, BinaryValues.mask(MASKER, 0, 1009, lying), "lying length");
    ByteBuffer trailing =
        ByteBuffer.allocate(good.remaining() + 1).put(good.duplicate()).put((byte) 0);
    assertSame(
        DataRowRewriter.SQL_NULL,
        BinaryValues.mask(MASKER, 0, 1009, trailing.flip()),
        "bytes after the last element");
    ByteBuffer huge = ByteBuffer.wrap(good.array().clone());
    huge.putInt(12, Integer.MAX_VALUE); // the dimension's size
    assertSame(DataRowRewriter.SQL_NULL, BinaryValues.mask(MASKER, 0, 1009, huge), "lying size");
    assertSame(
        DataRowRewriter.SQL_NULL,
        BinaryValues.mask(MASKER, 0, 1009, ByteBuffer.allocate(5)),
        "truncated header");
  }
}
