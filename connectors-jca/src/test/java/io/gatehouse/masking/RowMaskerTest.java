package io.gatehouse.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowMaskerTest {
  static final byte[] KEY = "test-masking-key".getBytes(StandardCharsets.UTF_8);

  /** The example policy of docs/POLICY.md. */
  static MaskingPlan policyExample() {
    return MaskingPlan.compile(
        List.of(
            new MaskingRule(
                "cards", List.of(), Optional.of(DetectorKind.PAYMENT_CARD), MaskStrategy.PARTIAL),
            new MaskingRule("emails", List.of("*.email"), Optional.empty(), MaskStrategy.HASH),
            new MaskingRule(
                "ssn", List.of(), Optional.of(DetectorKind.US_SSN), MaskStrategy.REDACT)),
        KEY);
  }

  private static final List<ColumnRef> COLUMNS =
      List.of(
          ColumnRef.of("customers", "id"),
          ColumnRef.of("customers", "email"),
          ColumnRef.of("customers", "notes"));

  @Test
  void columnRuleMasksWholeValuesAndDetectorsScanTheRest() {
    RowMasker row = policyExample().forColumns(COLUMNS);
    assertTrue(row.touchesAnyColumn(), "detector rules touch every column");
    String hash = text(row.maskValue(1, bytes("bob@example.com")));
    assertTrue(hash.matches("h:[0-9a-f]{16}"), "email column hashed: " + hash);
    assertEquals(
        "paid with ***************1111, ssn ****",
        text(row.maskValue(2, bytes("paid with 4111 1111 1111 1111, ssn 123-45-6789"))),
        "notes scanned");
  }

  @Test
  void valuesAreMaskedWhereTheyLieInARowBuffer() {
    RowMasker row = policyExample().forColumns(COLUMNS);
    byte[] frame = bytes("xx4111 1111 1111 1111yyno digitszz");
    assertEquals("***************1111", text(row.maskRegion(2, frame, 2, 19)), "card in place");
    assertNull(row.maskRegion(2, frame, 21, 13), "unchanged: null, nothing copied");
    assertTrue(text(row.maskRegion(1, frame, 21, 13)).startsWith("h:"), "column rule");
    assertEquals("xx4111 1111 1111 1111yyno digitszz", text(frame), "the buffer is left alone");
  }

  @Test
  void aWritableValueIsMaskedInPlaceWhenItsMaskKeepsItsLength() {
    RowMasker row = policyExample().forColumns(COLUMNS);
    byte[] frame = bytes("xx4111 1111 1111 1111yyssn 123-45-6789zz");
    assertSame(RowMasker.IN_PLACE, row.maskRegion(2, frame, 2, 19, true), "card: in place");
    assertEquals("xx***************1111yyssn 123-45-6789zz", text(frame), "only the card written");
    assertEquals(
        "ssn ****",
        text(row.maskRegion(2, frame, 23, 15, true)),
        "a redaction shortens the value: a new value");
    assertTrue(
        text(row.maskRegion(1, frame, 23, 15, true)).startsWith("h:"), "column rule: a new value");
    assertEquals("xx***************1111yyssn 123-45-6789zz", text(frame), "and nothing written");
    assertNull(row.maskRegion(2, bytes("no digits"), 0, 9, true), "unchanged: null");
  }

  @Test
  void detectorsSkipColumnsMarkedUnscannableButColumnRulesStillApply() {
    RowMasker row = policyExample().forColumns(COLUMNS, new boolean[] {true, false, false});
    byte[] card = bytes("4111 1111 1111 1111");
    assertEquals("***************1111", text(row.maskValue(0, card)), "scanned column");
    assertSame(card, row.maskValue(2, card), "unscannable column: detectors skip it");
    assertTrue(text(row.maskValue(1, bytes("bob@example.com"))).startsWith("h:"));
    assertFalse(row.touchesColumn(2));
  }

  @Test
  void unchangedValuesComeBackAsTheSameArray() {
    RowMasker row = policyExample().forColumns(COLUMNS);
    for (String value : List.of("42", "no digits here", "2024-01-15 10:23:45.123456+00", "")) {
      byte[] in = bytes(value);
      assertSame(in, row.maskValue(0, in), "untouched: " + value);
      assertSame(in, row.maskValue(2, in), "untouched: " + value);
    }
    assertNull(row.maskValue(1, null), "SQL NULL stays NULL");
  }

  @Test
  void nonAsciiValuesKeepTheirBytesAroundMasks() {
    RowMasker row = policyExample().forColumns(COLUMNS);
    assertEquals(
        "Zahlung für ************1111 – danke ✓",
        text(row.maskValue(2, bytes("Zahlung für 4111111111111111 – danke ✓"))),
        "UTF-8 around the card survives");
  }

  @Test
  void rowsNobodyMasksAreSkipped() {
    MaskingPlan columnsOnly =
        MaskingPlan.compile(
            List.of(new MaskingRule("e", List.of("*.email"), Optional.empty(), MaskStrategy.HASH)),
            KEY);
    RowMasker row = columnsOnly.forColumns(List.of(ColumnRef.of("orders", "id")));
    assertFalse(row.touchesAnyColumn(), "no email column");
    assertFalse(MaskingPlan.empty().forColumns(COLUMNS).touchesAnyColumn(), "empty plan");
  }

  @Test
  void detectorRestrictedToColumnsScansOnlyThose() {
    MaskingPlan plan =
        MaskingPlan.compile(
            List.of(
                new MaskingRule(
                    "phones",
                    List.of("contacts.phone*"),
                    Optional.of(DetectorKind.PHONE),
                    MaskStrategy.REDACT)),
            null);
    RowMasker row =
        plan.forColumns(
            List.of(ColumnRef.of("contacts", "phone_home"), ColumnRef.of("contacts", "memo")));
    byte[] memo = bytes("+44 20 7946 0958");
    assertEquals("****", text(row.maskValue(0, bytes("+44 20 7946 0958"))), "phone column");
    assertSame(memo, row.maskValue(1, memo), "other columns untouched");
    assertFalse(row.touchesColumn(1), "memo is not scanned");
    assertEquals("call ****", plan.maskText("call +44 20 7946 0958"), "text gets every detector");
  }

  @Test
  void hashesAgreeBetweenColumnsAndText() {
    MaskingPlan plan =
        MaskingPlan.compile(
            List.of(
                new MaskingRule("e", List.of("email"), Optional.empty(), MaskStrategy.HASH),
                new MaskingRule(
                    "t", List.of(), Optional.of(DetectorKind.EMAIL), MaskStrategy.HASH)),
            KEY);
    String column =
        text(plan.forColumns(List.of(ColumnRef.of("email"))).maskValue(0, bytes("a@b.io")));
    assertEquals("user " + column + " exists", plan.maskText("user a@b.io exists"), "joinable");
  }

  @Test
  void maskTextReturnsTheSameStringWhenNothingMatches() {
    String message = "relation \"orders\" does not exist";
    assertSame(message, policyExample().maskText(message), "unchanged message");
    assertEquals(
        "duplicate key (card)=(***************1111)",
        policyExample().maskText("duplicate key (card)=(4111-1111-1111-1111)"),
        "error message masked");
  }

  @Test
  void overlappingMatchesMergeUnderTheStrongestStrategy() {
    MaskingPlan plan =
        MaskingPlan.compile(
            List.of(
                new MaskingRule(
                    "cards",
                    List.of(),
                    Optional.of(DetectorKind.PAYMENT_CARD),
                    MaskStrategy.PARTIAL),
                new MaskingRule(
                    "secrets",
                    List.of(),
                    Optional.of(DetectorKind.GENERIC_SECRET),
                    MaskStrategy.REDACT)),
            null);
    assertEquals("password=****", plan.maskText("password=4111111111111111"), "redact wins");
  }

  @Test
  void preFilterSkipsTheDetector() {
    AtomicInteger runs = new AtomicInteger();
    Detector counting =
        new Detector() {
          @Override
          public DetectorKind kind() {
            return DetectorKind.PAYMENT_CARD;
          }

          @Override
          public Prefilter prefilter() {
            return Detectors.of(DetectorKind.PAYMENT_CARD).prefilter();
          }

          @Override
          public void find(CharSequence text, MatchSink sink) {
            runs.incrementAndGet();
            Detectors.of(DetectorKind.PAYMENT_CARD).find(text, sink);
          }
        };
    ContentScanner scanner = new ContentScanner(List.of(counting), List.of(MaskStrategy.REDACT));
    RowMasker row =
        new RowMasker(
            new MaskStrategy[1], new ContentScanner[] {scanner}, scanner, new ValueMasker(null));
    byte[] name = bytes("Jane Doe");
    assertSame(name, row.maskValue(0, name), "a name");
    assertEquals(0, runs.get(), "the detector never ran on a value without 13 digits");
    assertArrayEquals(bytes("****"), row.maskValue(0, bytes("4111111111111111")), "a card");
    assertEquals(1, runs.get(), "the detector ran once");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 3})
  void columnIndexIsChecked(int column) {
    RowMasker row = policyExample().forColumns(COLUMNS);
    assertThrows(IndexOutOfBoundsException.class, () -> row.maskValue(column, bytes("x")), "index");
  }

  @Test
  void ruleNeedsAKeyOnlyWhenItHashes() {
    List<MaskingRule> hashing =
        List.of(new MaskingRule("e", List.of("email"), Optional.empty(), MaskStrategy.HASH));
    assertThrows(IllegalArgumentException.class, () -> MaskingPlan.compile(hashing, null), "key");
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
