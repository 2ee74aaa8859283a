package io.gatehouse.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
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
}
