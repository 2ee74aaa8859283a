package io.gatehouse.control.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.control.domain.model.connection.SealedSecret;
import io.gatehouse.control.domain.model.connection.SecretKind;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

  static final byte[] SECRET = "s3cret-password".getBytes(StandardCharsets.UTF_8);

  static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  final String k1 = randomKey();
  final CredentialCipher cipher = new CredentialCipher(KeyRing.of("k1", k1, ""));

  @Test
  void roundTrip() {
    SealedSecret sealed = cipher.seal(SECRET, "orders-prod", SecretKind.PASSWORD);

    assertEquals("k1", sealed.keyId(), "key id kept with the ciphertext");
    assertEquals(12, sealed.nonce().length, "96-bit nonce");
    assertFalse(
        new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains("s3cret"),
        "ciphertext is not the plaintext");
    assertArrayEquals(
        SECRET, cipher.open(sealed, "orders-prod", SecretKind.PASSWORD), "opens again");
  }

  @Test
  void everySealDrawsAFreshNonce() {
    SealedSecret a = cipher.seal(SECRET, "c", SecretKind.PASSWORD);
    SealedSecret b = cipher.seal(SECRET, "c", SecretKind.PASSWORD);

    assertFalse(Arrays.equals(a.nonce(), b.nonce()), "nonces differ");
    assertFalse(Arrays.equals(a.ciphertext(), b.ciphertext()), "ciphertexts differ");
  }

  @Test
  void tamperedCiphertextFails() {
    SealedSecret sealed = cipher.seal(SECRET, "c", SecretKind.PASSWORD);
    byte[] bytes = sealed.ciphertext();
    bytes[0] ^= 1;
    SealedSecret tampered = new SealedSecret("k1", sealed.nonce(), bytes);

    assertThrows(
        CredentialDecryptionException.class,
        () -> cipher.open(tampered, "c", SecretKind.PASSWORD),
        "a flipped bit is detected");
  }

  @Test
  void blobCopiedToAnotherConnectionFails() {
    SealedSecret sealed = cipher.seal(SECRET, "orders-prod", SecretKind.PASSWORD);

    CredentialDecryptionException e =
        assertThrows(
            CredentialDecryptionException.class,
            () -> cipher.open(sealed, "orders-dev", SecretKind.PASSWORD),
            "wrong connection name (AAD)");
    assertTrue(e.getMessage().contains("orders-dev"), "message names the connection");
    assertThrows(
        CredentialDecryptionException.class,
        () -> cipher.open(sealed, "orders-prod", SecretKind.BEARER_TOKEN),
        "wrong secret kind (AAD)");
  }

  @Test
  void rotationOpensOldBlobsAndResealsUnderTheNewKey() {
    SealedSecret old = cipher.seal(SECRET, "c", SecretKind.PASSWORD);
    CredentialCipher rotated = new CredentialCipher(KeyRing.of("k2", randomKey(), "k1:" + k1));

    assertArrayEquals(SECRET, rotated.open(old, "c", SecretKind.PASSWORD), "old key still opens");
    assertTrue(rotated.needsReseal(old), "old blob needs resealing");
    SealedSecret resealed = rotated.reseal(old, "c", SecretKind.PASSWORD);
    assertEquals("k2", resealed.keyId(), "resealed under the current key");
    assertFalse(rotated.needsReseal(resealed), "resealed blob is current");
    assertArrayEquals(SECRET, rotated.open(resealed, "c", SecretKind.PASSWORD), "opens");
  }

  @Test
  void unknownKeyIdFailsNamingTheSetting() {
    SealedSecret old = cipher.seal(SECRET, "c", SecretKind.PASSWORD);
    CredentialCipher other = new CredentialCipher(KeyRing.of("k2", randomKey(), ""));

    CredentialDecryptionException e =
        assertThrows(
            CredentialDecryptionException.class, () -> other.open(old, "c", SecretKind.PASSWORD));
    assertTrue(e.getMessage().contains(CredentialKeys.PREVIOUS_KEYS), e.getMessage());
  }

  @Test
  void sealedSecretDoesNotPrintItsBytes() {
    SealedSecret sealed = cipher.seal(SECRET, "c", SecretKind.PASSWORD);

    assertFalse(sealed.toString().contains("[" + sealed.ciphertext()[0]), "no bytes in toString");
    assertTrue(sealed.toString().contains("k1"), "names the key id");
  }
}
