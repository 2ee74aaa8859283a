package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gatehouse.masking.DetectorKind;
import io.gatehouse.masking.MaskStrategy;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.MaskingRule;
import io.gatehouse.pg.wire.BackendEncoder;
import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.BackendMessages;
import io.gatehouse.pg.wire.DataRow;
import io.gatehouse.pg.wire.DataRowRewriter;
import io.gatehouse.pg.wire.FrameDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanMaskingTest {

  /** The benchmark's policy (bench/gatehouse-setup.sh): cards, partial, every column. */
  static final PlanMasking CARDS =
      new PlanMasking(
          MaskingPlan.compile(
              List.of(
                  new MaskingRule(
                      "cards",
                      List.of(),
                      Optional.of(DetectorKind.PAYMENT_CARD),
                      MaskStrategy.PARTIAL)),
              null));

  private static BackendMessage.Field field(String name, int typeOid, int format) {
    return new BackendMessage.Field(name, 0, (short) 0, typeOid, (short) -1, -1, (short) format);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void detectorsRunOnTextAndNumbersButNotOnDatesOrBooleans() throws Exception {
    DataRowRewriter rows =
        CARDS.forColumns(
            List.of(
                field("note", 25, 0),
                field("n", 1700, 0),
                field("at", 1184, 0),
                field("ok", 16, 0)));
    byte[] frame =
        BackendEncoder.dataRow(
            Arrays.asList(
                utf8("card 4111 1111 1111 1111"),
                utf8("4111111111111111"),
                utf8("2026-12-03 06:00:00+00"),
                utf8("t")));
    ByteBuffer out = rows.rewrite(ByteBuffer.wrap(frame));
    DataRow row = (DataRow) BackendMessages.parse(FrameDecoder.backend().next(out.duplicate()));
    assertEquals("card ***************1111", text(row.value(0)), "text scanned");
    assertEquals("1111", text(row.value(1)), "numeric scanned, and still a numeric");
    assertEquals("2026-12-03 06:00:00+00", text(row.value(2)));
  }

  @Test
  void maskedTextValuesStayValidValuesOfTheirType() {
    byte[] card = utf8("************1111");
    assertEquals("1111", new String(BinaryValues.typedText(20, card), StandardCharsets.UTF_8));
    assertEquals("1111", new String(BinaryValues.typedText(21, card), StandardCharsets.UTF_8));
    assertEquals("4.50", new String(BinaryValues.typedText(1700, utf8("***4.50"))));
    assertEquals("0.5", new String(BinaryValues.typedText(701, utf8("**.5"))));
    assertEquals("0", new String(BinaryValues.typedText(1700, utf8("[redacted]"))));
    long hashed =
        Long.parseLong(new String(BinaryValues.typedText(20, utf8("h:0a1b2c3d4e5f6071"))));
    assertEquals(0x0a1b2c3d4e5f6071L, hashed, "a keyed hash: a stable number");
    assertEquals("f", new String(BinaryValues.typedText(16, utf8("*"))));
    assertSame(DataRowRewriter.SQL_NULL, BinaryValues.typedText(2950, utf8("****")), "uuid");
    assertSame(DataRowRewriter.SQL_NULL, BinaryValues.typedText(1082, utf8("****")), "date");
    assertSame(card, BinaryValues.typedText(25, card), "text keeps the masked text");
  }

  @Test
  void aResultWithOnlyUnscannableColumnsIsPassedThrough() {
    assertNull(CARDS.forColumns(List.of(field("at", 1114, 0), field("ok", 16, 1))));
  }

  @Test
  void columnsTooShortForAnyDetectorAreNotScanned() throws Exception {
    assertNull(
        CARDS.forColumns(List.of(field("id", 23, 0), field("n", 21, 1), field("o", 26, 0))),
        "int4, int2 and oid print at most 11 characters: no card fits");
    DataRowRewriter big = CARDS.forColumns(List.of(field("id", 20, 0)));
    ByteBuffer out =
        big.rewrite(ByteBuffer.wrap(BackendEncoder.dataRow(List.of(utf8("4111111111111111")))));
    DataRow row = (DataRow) BackendMessages.parse(FrameDecoder.backend().next(out.duplicate()));
    assertEquals("1111", text(row.value(0)), "an int8 can hold a card: scanned");
    PlanMasking ssn =
        new PlanMasking(
            MaskingPlan.compile(
                List.of(
                    new MaskingRule(
                        "ssn", List.of(), Optional.of(DetectorKind.US_SSN), MaskStrategy.REDACT)),
                null));
    assertNotNull(
        ssn.forColumns(List.of(field("id", 23, 0))), "a shorter detector still scans an int4");
  }

  @Test
  void rowsWithNothingToMaskAreTheSameBuffer() throws Exception {
    DataRowRewriter rows = CARDS.forColumns(List.of(field("note", 25, 0)));
    ByteBuffer in = ByteBuffer.wrap(BackendEncoder.dataRow(List.of(utf8("no card here"))));
    assertSame(in, rows.rewrite(in));
  }

  private static String text(ByteBuffer value) {
    return FrontendPump.text(value);
  }
}
