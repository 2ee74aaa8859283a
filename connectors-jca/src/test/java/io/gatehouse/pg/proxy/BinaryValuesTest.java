package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
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
    assertTrue(BinaryValues.alwaysWithheld(1009, false), "a text[] cannot be rewritten in place");
  }
}
