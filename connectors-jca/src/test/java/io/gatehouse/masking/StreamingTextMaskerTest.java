package io.gatehouse.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingTextMaskerTest {
  private static final String ESC = "\u001b";
  private static final String KEY_BLOCK =
      "-----BEGIN RSA PRIVATE KEY-----\r\n"
          + "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\r\n"
          + "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==\r\n"
          + "-----END RSA PRIVATE KEY-----";
  private static final String SESSION =
      "$ "
          + ESC
          + "[1;32mcat\u001b[0m notes.txt\r\n"
          + "Grüße — card 4111 1111 1111 1111, ssn 123-45-6789 ✓\r\n"
          + "colour 4111"
          + ESC
          + "[31m1111"
          + ESC
          + "[0m11111111 ok\r\n"
          + ESC
          + "]0;bob@host: ~\u0007mail bob@example.com 日本語\r\n"
          + "export DB_PASSWORD=hunter22\r\n"
          + KEY_BLOCK
          + "\r\n"
          + "$ ";

  static MaskingPlan plan() {
    List<MaskingRule> rules = new ArrayList<>();
    for (DetectorKind kind : DetectorKind.values()) {
      MaskStrategy strategy =
          switch (kind) {
            case PAYMENT_CARD -> MaskStrategy.PARTIAL;
            case EMAIL -> MaskStrategy.HASH;
            default -> MaskStrategy.REDACT;
          };
      rules.add(new MaskingRule(kind.policyName(), List.of(), Optional.of(kind), strategy));
    }
    return MaskingPlan.compile(rules, RowMaskerTest.KEY);
  }

  @Test
  void masksTheWholeSession() {
    String out = text(feed(plan().newStreamingMasker(), bytes(SESSION)));
    String email = plan().maskText("bob@example.com");
    String expected =
        "$ "
            + ESC
            + "[1;32mcat\u001b[0m notes.txt\r\n"
            + "Grüße — card ***************1111, ssn **** ✓\r\n"
            + "colour ************1111"
            + ESC
            + "[31m"
            + ESC
            + "[0m ok\r\n"
            + ESC
            + "]0;bob@host: ~\u0007mail "
            + email
            + " 日本語\r\n"
            + "export DB_PASSWORD=****\r\n"
            + "****\r\n"
            + "$ ";
    assertEquals(expected, out, "masked session");
  }

  @Test
  void everySplitGivesTheSameOutput() {
    byte[] input = bytes(SESSION);
    byte[] whole = feed(plan().newStreamingMasker(), input);
    for (int cut = 0; cut <= input.length; cut++) {
      byte[] split = feed(plan().newStreamingMasker(), input, cut);
      assertArrayEquals(whole, split, "split at byte " + cut);
    }
  }

  @Test
  void everyTwoSplitsGiveTheSameOutput() {
    byte[] input = bytes(SESSION.substring(0, 140));
    byte[] whole = feed(plan().newStreamingMasker(), input);
    for (int a = 0; a <= input.length; a++) {
      for (int b = a; b <= input.length; b++) {
        assertArrayEquals(whole, feed(plan().newStreamingMasker(), input, a, b), a + "/" + b);
      }
    }
  }

  @Test
  void releasedPiecesNeverSplitACharacterOrAnEscape() throws CharacterCodingException {
    byte[] input = bytes(SESSION);
    for (int size = 1; size <= 7; size++) {
      StreamingTextMasker masker = plan().newStreamingMasker();
      List<byte[]> pieces = new ArrayList<>();
      for (int off = 0; off < input.length; off += size) {
        pieces.add(masker.accept(input, off, Math.min(size, input.length - off)));
      }
      pieces.add(masker.flush());
      for (byte[] piece : pieces) {
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(piece));
        assertEquals(
            piece.length,
            TerminalText.of(piece, piece.length).incompleteFrom,
            "no escape cut in " + text(piece));
      }
    }
  }

  @Test
  void holdsBackUntilNewlineOrFlush() {
    StreamingTextMasker masker = plan().newStreamingMasker();
    assertEquals(0, masker.accept(bytes("password=hun")).length, "held");
    assertEquals(0, masker.accept(bytes("ter2")).length, "held");
    assertEquals("password=****", text(masker.flush()), "released by flush");
    assertEquals(0, masker.heldBytes(), "nothing left");
    assertEquals("done\n", text(masker.accept(bytes("done\n"))), "a whole line goes at once");
  }

  @Test
  void holdBackIsBoundedAndLongLinesStayMasked() {
    StreamingTextMasker masker = plan().newStreamingMasker();
    byte[] line = bytes("id 4111111111111111 x ".repeat(700));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off < line.length; off += 97) {
      out.writeBytes(masker.accept(line, off, Math.min(97, line.length - off)));
      assertTrue(masker.heldBytes() <= StreamingTextMasker.MAX_HOLD_BYTES, "bounded hold-back");
    }
    out.writeBytes(masker.flush());
    String masked = text(out.toByteArray());
    assertFalse(masked.contains("41111111"), "no card leaked");
    assertEquals("id ************1111 x ".repeat(700), masked, "every card masked");
  }

  @Test
  void aKeyReleasedOpenKeepsItsBodyMasked() {
    StreamingTextMasker masker = plan().newStreamingMasker();
    String begin = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLY\n";
    assertEquals(0, masker.accept(bytes(begin)).length, "an open key is held");
    assertEquals("****", text(masker.flush()), "flushed open: masked from BEGIN");
    String rest =
        "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==\n-----END RSA PRIVATE KEY-----\nok\n";
    assertEquals("****\nok\n", text(masker.accept(bytes(rest))), "body stays masked to END");
    assertEquals("next\n", text(masker.accept(bytes("next\n"))), "and then stops");
  }

  @Test
  void aKeyLongerThanTheBoundIsMaskedWhole() {
    StreamingTextMasker masker = plan().newStreamingMasker();
    String body = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2\n".repeat(120);
    String key = "-----BEGIN PRIVATE KEY-----\n" + body + "-----END PRIVATE KEY-----\nok\n";
    byte[] input = bytes(key);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off < input.length; off += 64) {
      out.writeBytes(masker.accept(input, off, Math.min(64, input.length - off)));
    }
    out.writeBytes(masker.flush());
    String masked = text(out.toByteArray());
    assertFalse(masked.contains("QUJD"), "no key body leaked: " + masked);
    assertTrue(masked.endsWith("\nok\n"), "output resumes after the key: " + masked);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u001b[", "\u001b]0;title", "\u001b]0;title\u001b", "\u001b("})
  void incompleteEscapesAreHeldAndPassedThroughWhole(String escape) {
    StreamingTextMasker masker = plan().newStreamingMasker();
    byte[] first = masker.accept(bytes("line\n" + escape));
    assertEquals("line\n", text(first), "escape held");
    assertEquals(escape, text(masker.flush()), "flushed untouched");
  }

  @Test
  void emptyPlanPassesBytesStraightThrough() {
    StreamingTextMasker masker = MaskingPlan.empty().newStreamingMasker();
    byte[] chunk = bytes("4111111111111111 no newline");
    assertArrayEquals(chunk, masker.accept(chunk), "no hold-back without rules");
    assertEquals(0, masker.heldBytes(), "nothing held");
  }

  @Test
  void invalidUtf8PassesThroughUnchanged() {
    byte[] binary = {(byte) 0xff, (byte) 0xc3, 'a', '\n', (byte) 0x80, 0x1b};
    byte[] out = feed(plan().newStreamingMasker(), binary);
    assertArrayEquals(binary, out, "binary output untouched");
    assertEquals(-1, Arrays.mismatch(binary, out), "same bytes");
  }

  static byte[] feed(StreamingTextMasker masker, byte[] input, int... cuts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = 0;
    for (int cut : cuts) {
      out.writeBytes(masker.accept(input, from, cut - from));
      from = cut;
    }
    out.writeBytes(masker.accept(input, from, input.length - from));
    out.writeBytes(masker.flush());
    return out.toByteArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
