package io.gatehouse.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pre-filter's shortcuts must reject exactly what the full profile rejects, never more. */
class TextProfileTest {

  private static boolean hasRun(String text, int minRun) {
    byte[] b = ("#" + text + "#").getBytes(StandardCharsets.ISO_8859_1);
    return TextProfile.mayHaveRun(b, 1, b.length - 2, minRun);
  }

  @Test
  void digitRunsAreFoundWhereverTheyLie() {
    assertTrue(hasRun("4111111111111111", 13), "a card");
    assertTrue(hasRun("paid 4111 1111 1111 1111 today", 13), "grouped by spaces");
    assertTrue(hasRun("x-4111-1111-1111-1111", 16), "grouped by dashes, glued to text");
    assertTrue(hasRun("1234567890123", 13), "exactly the length");
    assertFalse(hasRun("123456789012", 13), "one short");
    assertFalse(hasRun("123456 x 7890123", 13), "a letter breaks a run");
    assertFalse(hasRun("1234 5678 9012 ---- - -", 13), "separators are no digits");
    assertFalse(hasRun("loyalty tier 3, last order #100007, no remarks", 13), "short runs");
    assertTrue(hasRun("ab 1 2 3 4 5 6 7 8 9 0 1 2 3", 13), "single digits joined");
    assertFalse(hasRun("", 1), "empty");
    assertTrue(hasRun("7", 1), "one digit");
  }

  @Test
  void runLookNeverMissesARunTheProfileSees() {
    Random random = new Random(20261203);
    byte[] alphabet = "0123456789 - a.".getBytes(StandardCharsets.ISO_8859_1);
    int admitted = 0;
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] buffer = randomText(random, alphabet, 80);
      int off = random.nextInt(buffer.length + 1);
      int len = random.nextInt(buffer.length - off + 1);
      int minRun = 1 + random.nextInt(20);
      boolean run = TextProfile.longestRun(TextProfile.of(buffer, off, len)) >= minRun;
      boolean may = TextProfile.mayHaveRun(buffer, off, len, minRun);
      if (run) {
        assertTrue(
            may,
            () ->
                "missed a run in '"
                    + new String(buffer, off, len, StandardCharsets.ISO_8859_1)
                    + "' minRun "
                    + minRun);
      }
      admitted += run ? 1 : 0;
      rejected += may ? 0 : 1;
    }
    assertTrue(admitted > 1_000 && rejected > 1_000, admitted + " runs, " + rejected + " rejected");
  }

  @Test
  void scannerNeverRejectsWhatItsPrefiltersAdmit() {
    List<List<DetectorKind>> sets = new ArrayList<>();
    for (DetectorKind kind : DetectorKind.values()) {
      sets.add(List.of(kind));
    }
    sets.add(List.of(DetectorKind.values()));
    sets.add(List.of(DetectorKind.PAYMENT_CARD, DetectorKind.US_SSN));
    Random random = new Random(42);
    byte[] alphabet = "0123456789  --@..AZaz=:+(_/\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    for (List<DetectorKind> kinds : sets) {
      List<Detector> detectors = kinds.stream().map(Detectors::of).toList();
      ContentScanner scanner =
          new ContentScanner(detectors, detectors.stream().map(d -> MaskStrategy.REDACT).toList());
      for (int i = 0; i < 5_000; i++) {
        byte[] text = randomText(random, alphabet, 40);
        long profile = TextProfile.of(text, 0, text.length);
        long admitted = scanner.admit(text, 0, text.length);
        String what = kinds + " '" + new String(text, StandardCharsets.ISO_8859_1) + "'";
        if (scanner.admits(profile)) {
          assertTrue(admitted != -1, () -> "rejected what a pre-filter admits: " + what);
          assertTrue(scanner.admits(admitted), () -> "admitted without its detectors: " + what);
        } else if (!kinds.equals(List.of(DetectorKind.PAYMENT_CARD))) {
          // Only the card-only scanner's cheaper run look may admit more than the profile.
          assertEquals(-1, admitted, () -> "admitted what no pre-filter admits: " + what);
        }
      }
    }
  }

  private static byte[] randomText(Random random, byte[] alphabet, int maxLength) {
    byte[] text = new byte[random.nextInt(maxLength + 1)];
    // Mostly runs of one kind, so long digit runs occur often enough to matter.
    int i = 0;
    while (i < text.length) {
      byte c = alphabet[random.nextInt(alphabet.length)];
      int repeat = c >= '0' && c <= '9' ? 1 + random.nextInt(8) : 1;
      for (int r = 0; r < repeat && i < text.length; r++, i++) {
        text[i] = c >= '0' && c <= '9' ? (byte) ('0' + random.nextInt(10)) : c;
      }
    }
    return text;
  }
}
