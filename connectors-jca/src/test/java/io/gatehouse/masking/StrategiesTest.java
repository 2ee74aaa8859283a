package io.gatehouse.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrategiesTest {
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final ValueMasker masker = new ValueMasker(new KeyedHasher(KEY));

  @ParameterizedTest
  @CsvSource({
    "4111111111111111, ************1111",
    "12345, *2345",
    "1234, ****",
    "ab, ****",
    "x, ****",
    "grüße-straße, ********raße",
    "日本語のテキスト, ****テキスト"
  })
  void partialKeepsTheLastFourCharacters(String value, String expected) {
    assertEquals(expected, masker.mask(MaskStrategy.PARTIAL, value), "partial of " + value);
    assertEquals(
        expected,
        new String(
            masker.maskWhole(MaskStrategy.PARTIAL, value.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8),
        "partial of the bytes of " + value);
  }

  @Test
  void redactIsFourStars() {
    assertEquals("****", masker.mask(MaskStrategy.REDACT, "123-45-6789"), "redacted");
  }

  @Test
  void hashIsStableKeyedAndShort() {
    String hash = masker.mask(MaskStrategy.HASH, "bob@example.com");
    assertTrue(hash.matches("h:[0-9a-f]{16}"), "hash format: " + hash);
    ValueMasker otherServer = new ValueMasker(new KeyedHasher(KEY.clone()));
    assertEquals(hash, otherServer.mask(MaskStrategy.HASH, "bob@example.com"), "same key");
    byte[] otherKey = "another key entirely".getBytes(StandardCharsets.UTF_8);
    assertNotEquals(
        hash,
        new ValueMasker(new KeyedHasher(otherKey)).mask(MaskStrategy.HASH, "bob@example.com"),
        "another key gives another hash");
    assertNotEquals(hash, masker.mask(MaskStrategy.HASH, "alice@example.com"), "another value");
    byte[] fromBytes =
        masker.maskWhole(MaskStrategy.HASH, "bob@example.com".getBytes(StandardCharsets.UTF_8));
    assertEquals(hash, new String(fromBytes, StandardCharsets.US_ASCII), "bytes and text agree");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 16, 64, 65, 200})
  void hashIsStandardHmacSha256(int keyLength) throws Exception {
    byte[] key = new byte[keyLength];
    for (int i = 0; i < keyLength; i++) {
      key[i] = (byte) (i * 31 + 7);
    }
    byte[] value = "4111 1111 1111 1111".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String expected = "h:" + HexFormat.of().formatHex(mac.doFinal(value)).substring(0, 16);
    assertEquals(expected, new KeyedHasher(key).hash(value, 0, value.length), "RFC 2104");
  }

  @Test
  void hashNeedsAKey() {
    assertThrows(IllegalArgumentException.class, () -> new KeyedHasher(new byte[0]), "empty key");
    assertThrows(
        IllegalStateException.class,
        () -> new ValueMasker(null).mask(MaskStrategy.HASH, "x"),
        "no key configured");
  }

  @ParameterizedTest
  @EnumSource(MaskStrategy.class)
  void maskedOutputNeverContainsTheValue(MaskStrategy strategy) {
    for (String value :
        new String[] {"4111111111111111", "bob@example.com", "hunter22", "12345", "AB123456C"}) {
      String masked = masker.mask(strategy, value);
      assertFalse(masked.contains(value), strategy + " of " + value + " gave " + masked);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a"})
  void tinyValuesAreFullyMasked(String value) {
    assertEquals("****", masker.mask(MaskStrategy.PARTIAL, value), "partial of '" + value + "'");
  }

  @Test
  void maskingInPlaceWritesExactlyWhatTheRewriteBuildsOrLeavesTheBufferAlone() {
    Random random = new Random(20261204);
    String[] alphabet = {"4", "1", "7", "a", "Z", "-", " ", "@", "ü", "日"};
    MaskStrategy[] strategies = MaskStrategy.values();
    int inPlace = 0;
    for (int round = 0; round < 20_000; round++) {
      // a value of random characters, between other bytes of a buffer
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        text.append(alphabet[random.nextInt(round % 3 == 0 ? alphabet.length : 8)]);
      }
      byte[] value = text.toString().getBytes(StandardCharsets.UTF_8);
      int offset = random.nextInt(4);
      byte[] buffer = new byte[offset + value.length + 3];
      Arrays.fill(buffer, (byte) '#');
      System.arraycopy(value, 0, buffer, offset, value.length);
      // spans at character boundaries, in order, not overlapping
      int[] boundaries = boundaries(value);
      Spans spans = new Spans();
      boolean partialAsciiOnly = true;
      for (int b = 0; b < boundaries.length - 1; ) {
        int start = b + random.nextInt(boundaries.length - b);
        if (start >= boundaries.length - 1) {
          break;
        }
        int end = start + 1 + random.nextInt(boundaries.length - 1 - start);
        MaskStrategy strategy =
            round % 2 == 0 ? MaskStrategy.PARTIAL : strategies[random.nextInt(strategies.length)];
        spans.use(strategy);
        spans.match(boundaries[start], boundaries[end]);
        String matched =
            new String(
                value,
                boundaries[start],
                boundaries[end] - boundaries[start],
                StandardCharsets.UTF_8);
        partialAsciiOnly &=
            strategy == MaskStrategy.PARTIAL
                && matched.length() >= 4
                && matched.chars().allMatch(c -> c < 0x80);
        b = end;
      }
      if (spans.size() == 0) {
        continue;
      }
      byte[] expected = masker.rewrite(buffer, offset, value.length, spans);
      byte[] written = buffer.clone();
      boolean done = masker.maskInPlace(written, offset, spans);
      String label = "'" + text + "' spans " + spans.size();
      if (done) {
        inPlace++;
        assertArrayEquals(
            expected,
            Arrays.copyOfRange(written, offset, offset + value.length),
            "in place as rewritten: " + label);
        for (int i = 0; i < buffer.length; i++) {
          if (i < offset || i >= offset + value.length) {
            assertEquals(buffer[i], written[i], "nothing written outside the value: " + label);
          }
        }
      } else {
        assertArrayEquals(buffer, written, "left alone when a mask changes length: " + label);
      }
      if (partialAsciiOnly) {
        assertTrue(
            done, "a partial mask of ASCII spans of four or more is done in place: " + label);
      }
    }
    assertTrue(inPlace > 1_000, "in place often enough to mean something: " + inPlace);
  }

  private static int[] boundaries(byte[] utf8) {
    int[] at = new int[utf8.length + 1];
    int n = 0;
    for (int i = 0; i < utf8.length; i++) {
      if ((utf8[i] & 0xc0) != 0x80) {
        at[n++] = i;
      }
    }
    at[n++] = utf8.length;
    return Arrays.copyOf(at, n);
  }
}
