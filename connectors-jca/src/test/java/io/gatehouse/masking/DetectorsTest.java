package io.gatehouse.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DetectorsTest {
  private static final String PEM_BODY =
      "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
          + "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==\n";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
          + "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  /** Text, the detector, and the one span it must find. */
  static Stream<Arguments> positives() {
    return Stream.of(
        hit(DetectorKind.PAYMENT_CARD, "card 4111111111111111 ok", "4111111111111111"),
        hit(DetectorKind.PAYMENT_CARD, "4111 1111 1111 1111", "4111 1111 1111 1111"),
        hit(DetectorKind.PAYMENT_CARD, "cc=4111-1111-1111-1111;", "4111-1111-1111-1111"),
        hit(DetectorKind.PAYMENT_CARD, "amex 378282246310005.", "378282246310005"),
        hit(DetectorKind.PAYMENT_CARD, "6011111111111117", "6011111111111117"),
        hit(DetectorKind.PAYMENT_CARD, "visa13 4222222222222", "4222222222222"),
        hit(DetectorKind.PAYMENT_CARD, "5500 0000 0000 0004 2024-01-15", "5500 0000 0000 0004"),
        hit(DetectorKind.EMAIL, "mail bob@example.com now", "bob@example.com"),
        hit(
            DetectorKind.EMAIL,
            "<first.last+tag@sub.example.co.uk>",
            "first.last+tag@sub.example.co.uk"),
        hit(DetectorKind.EMAIL, "x_y-z@a-b.io.", "x_y-z@a-b.io"),
        hit(DetectorKind.PHONE, "call +14155552671", "+14155552671"),
        hit(DetectorKind.PHONE, "tel: +44 20 7946 0958.", "+44 20 7946 0958"),
        hit(DetectorKind.PHONE, "+1-555-123-4567", "+1-555-123-4567"),
        hit(DetectorKind.PHONE, "at (555) 123-4567 today", "(555) 123-4567"),
        hit(DetectorKind.PHONE, "555.123.4567", "555.123.4567"),
        hit(DetectorKind.PHONE, "1 555 123 4567", "1 555 123 4567"),
        hit(DetectorKind.PHONE, "mobile 07700 900123", "07700 900123"),
        hit(DetectorKind.PHONE, "06 12 34 56 78", "06 12 34 56 78"),
        hit(DetectorKind.US_SSN, "ssn 123-45-6789", "123-45-6789"),
        hit(DetectorKind.US_SSN, "(078-05-1120)", "078-05-1120"),
        hit(DetectorKind.IBAN, "iban DE89370400440532013000", "DE89370400440532013000"),
        hit(DetectorKind.IBAN, "DE89 3704 0044 0532 0130 00 paid", "DE89 3704 0044 0532 0130 00"),
        hit(DetectorKind.IBAN, "GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32"),
        hit(DetectorKind.IBAN, "FR1420041010050500013M02606", "FR1420041010050500013M02606"),
        hit(DetectorKind.IBAN, "NO9386011117947", "NO9386011117947"),
        hit(DetectorKind.UK_NINO, "nino AB123456C", "AB123456C"),
        hit(DetectorKind.UK_NINO, "AB 12 34 56 C", "AB 12 34 56 C"),
        hit(DetectorKind.UK_NINO, "JG103759A.", "JG103759A"),
        hit(DetectorKind.AWS_ACCESS_KEY, "key AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
        hit(DetectorKind.AWS_ACCESS_KEY, "\"ASIAY34FZKBOKMUTVV7A\"", "ASIAY34FZKBOKMUTVV7A"),
        hit(
            DetectorKind.PRIVATE_KEY,
            "x\n-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY + "-----END RSA PRIVATE KEY-----\ny",
            "-----BEGIN RSA PRIVATE KEY-----\n" + PEM_BODY + "-----END RSA PRIVATE KEY-----"),
        hit(
            DetectorKind.PRIVATE_KEY,
            "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + PEM_BODY
                + "-----END OPENSSH PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + PEM_BODY
                + "-----END OPENSSH PRIVATE KEY-----"),
        hit(DetectorKind.JWT, "Bearer " + JWT, JWT),
        hit(DetectorKind.JWT, "{\"t\":\"" + JWT + "\"}", JWT),
        hit(DetectorKind.GENERIC_SECRET, "password=hunter2", "hunter2"),
        hit(DetectorKind.GENERIC_SECRET, "passwd: s3cr3t", "s3cr3t"),
        hit(DetectorKind.GENERIC_SECRET, "api_key=abc123&x=1", "abc123"),
        hit(DetectorKind.GENERIC_SECRET, "secret: topsecret", "topsecret"),
        hit(DetectorKind.GENERIC_SECRET, "?token=abc.def", "abc.def"),
        hit(DetectorKind.GENERIC_SECRET, "{\"password\": \"p@ss w0rd\"}", "p@ss w0rd"),
        hit(DetectorKind.GENERIC_SECRET, "DB_PASSWORD='x y'", "x y"),
        hit(DetectorKind.GENERIC_SECRET, "host=db password=pw1 user=bob", "pw1"),
        hit(
            DetectorKind.GENERIC_SECRET,
            "aws_secret_access_key = wJalrXUtnF/K7M",
            "wJalrXUtnF/K7M"));
  }

  static Stream<Arguments> negatives() {
    return Stream.of(
        miss(DetectorKind.PAYMENT_CARD, "4111111111111112"),
        miss(DetectorKind.PAYMENT_CARD, "id 41111111111111111234"),
        miss(DetectorKind.PAYMENT_CARD, "a4111111111111111"),
        miss(DetectorKind.PAYMENT_CARD, "2024-01-15 10:23:45.123456+00"),
        miss(DetectorKind.PAYMENT_CARD, "4111  1111 1111 1111"),
        miss(DetectorKind.PAYMENT_CARD, "411111111111"),
        miss(DetectorKind.PAYMENT_CARD, "sha 4111111111111111ab"),
        miss(DetectorKind.EMAIL, "@example.com"),
        miss(DetectorKind.EMAIL, "bob@localhost"),
        miss(DetectorKind.EMAIL, "bob@example.c"),
        miss(DetectorKind.EMAIL, "bob@ example.com"),
        miss(DetectorKind.EMAIL, "bob@example.123"),
        miss(DetectorKind.PHONE, "order 1234567890"),
        miss(DetectorKind.PHONE, "order #41234567890123"),
        miss(DetectorKind.PHONE, "2024-01-15 10:23:45"),
        miss(DetectorKind.PHONE, "15.01.2024 12"),
        miss(DetectorKind.PHONE, "4111 1111 1111 1111"),
        miss(DetectorKind.PHONE, "12345 67"),
        miss(DetectorKind.PHONE, "v1.2.3.4 build 5678"),
        miss(DetectorKind.PHONE, "+123 45"),
        miss(DetectorKind.PHONE, "ORD-555-123-4567"),
        miss(DetectorKind.PHONE, "123-45-6789"),
        miss(DetectorKind.US_SSN, "000-12-3456"),
        miss(DetectorKind.US_SSN, "666-12-3456"),
        miss(DetectorKind.US_SSN, "900-12-3456"),
        miss(DetectorKind.US_SSN, "123-00-4567"),
        miss(DetectorKind.US_SSN, "123-45-0000"),
        miss(DetectorKind.US_SSN, "1123-45-6789"),
        miss(DetectorKind.US_SSN, "123-45-67890"),
        miss(DetectorKind.US_SSN, "123456789"),
        miss(DetectorKind.US_SSN, "555-123-4567"),
        miss(DetectorKind.IBAN, "DE89370400440532013001"),
        miss(DetectorKind.IBAN, "DE8937040044053201300"),
        miss(DetectorKind.IBAN, "XX89370400440532013000"),
        miss(DetectorKind.IBAN, "DE893704004405320130001"),
        miss(DetectorKind.IBAN, "de89370400440532013000"),
        miss(DetectorKind.UK_NINO, "DA123456C"),
        miss(DetectorKind.UK_NINO, "AO123456C"),
        miss(DetectorKind.UK_NINO, "GB123456A"),
        miss(DetectorKind.UK_NINO, "AB123456E"),
        miss(DetectorKind.UK_NINO, "AB12345C"),
        miss(DetectorKind.UK_NINO, "XAB123456C"),
        miss(DetectorKind.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPL"),
        miss(DetectorKind.AWS_ACCESS_KEY, "XAKIAIOSFODNN7EXAMPLE"),
        miss(DetectorKind.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE1"),
        miss(DetectorKind.AWS_ACCESS_KEY, "AKIAiosfodnn7example"),
        miss(DetectorKind.AWS_ACCESS_KEY, "AIDAIOSFODNN7EXAMPLE"),
        miss(
            DetectorKind.PRIVATE_KEY,
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
        miss(
            DetectorKind.PRIVATE_KEY, "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"),
        miss(DetectorKind.PRIVATE_KEY, "grep BEGIN PRIVATE KEY *.pem"),
        miss(DetectorKind.JWT, "eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxIn0.c2ln"),
        miss(DetectorKind.JWT, "abc.def.ghi"),
        miss(DetectorKind.JWT, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"),
        miss(DetectorKind.JWT, "eyJ!notbase64.abc.def"),
        miss(DetectorKind.GENERIC_SECRET, "[sudo] password for bob:"),
        miss(DetectorKind.GENERIC_SECRET, "Password: "),
        miss(DetectorKind.GENERIC_SECRET, "tokenizer=bert"),
        miss(DetectorKind.GENERIC_SECRET, "secretary=Alice"),
        miss(DetectorKind.GENERIC_SECRET, "password_hint=dog"),
        miss(DetectorKind.GENERIC_SECRET, "at 10:23:45 user=bob"),
        miss(DetectorKind.GENERIC_SECRET, "secret://vault/path"));
  }

  @ParameterizedTest(name = "{0} finds {2} in {1}")
  @MethodSource("positives")
  void findsTheSecret(DetectorKind kind, String text, String expected) {
    Detector detector = Detectors.of(kind);
    assertTrue(detector.admits(TextProfile.of(text)), "the pre-filter must admit " + text);
    assertEquals(List.of(expected), found(detector, text), "matches in " + text);
  }

  @ParameterizedTest(name = "{0} finds the same through UTF-8 bytes in {1}")
  @MethodSource("positives")
  void findsTheSameInUtf8Bytes(DetectorKind kind, String text, String expected) {
    byte[] utf8 = ("ünïcödé " + text + " ✓").getBytes(StandardCharsets.UTF_8);
    Detector detector = Detectors.of(kind);
    List<String> inBytes = new ArrayList<>();
    detector.find(
        new Latin1View(utf8, 0, utf8.length),
        (s, e) -> inBytes.add(new String(utf8, s, e - s, StandardCharsets.UTF_8)));
    assertEquals(List.of(expected), inBytes, "matches in the bytes of " + text);
  }

  @ParameterizedTest(name = "{0} finds nothing in {1}")
  @MethodSource("negatives")
  void findsNothing(DetectorKind kind, String text) {
    assertEquals(List.of(), found(Detectors.of(kind), text), "matches in " + text);
  }

  @org.junit.jupiter.api.Test
  void truncatedPrivateKeyIsMaskedToTheEnd() {
    String text = "truncated -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB";
    assertEquals(
        List.of("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB"),
        found(Detectors.of(DetectorKind.PRIVATE_KEY), text),
        "a key without its end marker is masked to the end");
  }

  @org.junit.jupiter.api.Test
  void cardNumbersAreFoundExactlyWhenTheirLuhnSumSaysSo() {
    java.util.Random random = new java.util.Random(4111);
    Detector detector = Detectors.of(DetectorKind.PAYMENT_CARD);
    int valid = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder digits = new StringBuilder();
      for (int k = 13 + random.nextInt(7); k > 0; k--) {
        digits.append((char) ('0' + random.nextInt(10)));
      }
      if (random.nextBoolean()) { // half of them made valid: the last digit fixed
        digits.setCharAt(digits.length() - 1, '0');
        int sum = referenceLuhnSum(digits);
        digits.setCharAt(digits.length() - 1, (char) ('0' + (10 - sum % 10) % 10));
      }
      boolean luhn = referenceLuhnSum(digits) % 10 == 0;
      valid += luhn ? 1 : 0;
      // Contiguous, and up to 16 digits also in groups of four joined by a space or a dash (the
      // separators' path; a longer grouped number has a 16-digit prefix that may pass on its own).
      List<String> forms = new ArrayList<>(List.of(digits.toString()));
      if (digits.length() <= 16) {
        String separator = i % 2 == 0 ? " " : "-";
        forms.add(digits.toString().replaceAll("(\\d{4})(?=\\d)", "$1" + separator));
      }
      for (String card : forms) {
        String text = "paid " + card + " today";
        assertEquals(luhn ? List.of(card) : List.of(), found(detector, text), text);
      }
    }
    assertTrue(valid > 9_000, valid + " valid numbers");
  }

  /** Luhn's sum over the digits of {@code number}, the last digit undoubled. */
  private static int referenceLuhnSum(CharSequence number) {
    int sum = 0;
    for (int i = 0; i < number.length(); i++) {
      int d = number.charAt(number.length() - 1 - i) - '0';
      sum += i % 2 == 0 ? d : (2 * d > 9 ? 2 * d - 9 : 2 * d);
    }
    return sum;
  }

  static List<String> found(Detector detector, String text) {
    List<String> spans = new ArrayList<>();
    detector.find(text, (s, e) -> spans.add(text.substring(s, e)));
    return spans;
  }

  private static Arguments hit(DetectorKind kind, String text, String expected) {
    return Arguments.of(kind, text, expected);
  }

  private static Arguments miss(DetectorKind kind, String text) {
    return Arguments.of(kind, text);
  }
}
