package io.gatehouse.control.infrastructure.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.recording.SealAlgorithm;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealKeyRingTest {

  @TempDir Path dir;

  @Test
  void theCurrentKeyAndThePreviousOnesAreKeptById() throws Exception {
    KeyPair current = ed25519();
    KeyPair old = ed25519();
    SealKeyRing ring =
        SealKeyRing.of(
            "s2",
            privatePem(current),
            SealAlgorithm.pem(current.getPublic()),
            " s1:" + Base64.getEncoder().encodeToString(old.getPublic().getEncoded()) + " ");
    assertEquals(List.of("s2", "s1"), List.copyOf(ring.publicKeys().keySet()), "current first");
    assertEquals(old.getPublic(), ring.publicKeys().get("s1"), "old key kept");
    byte[] message = {1, 2, 3};
    assertTrue(
        ring.algorithm()
            .verify(current.getPublic(), message, Base64.getDecoder().decode(ring.sign(message))),
        "signs with the current key");
  }

  @Test
  void aPublicKeyOfAnotherPairIsRefused() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SealKeyRing.of(
                    "s1", privatePem(ed25519()), SealAlgorithm.pem(ed25519().getPublic()), ""));
    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
  }

  @Test
  void badPreviousKeysAreRefused() throws Exception {
    KeyPair current = ed25519();
    String pub = SealAlgorithm.pem(current.getPublic());
    assertThrows(
        IllegalArgumentException.class,
        () -> SealKeyRing.of("s1", privatePem(current), pub, "no-colon"),
        "id:key form");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SealKeyRing.of(
                "s1",
                privatePem(current),
                pub,
                "s1:" + Base64.getEncoder().encodeToString(current.getPublic().getEncoded())),
        "the current id reused");
  }

  @Test
  void devModeKeepsOneGeneratedPair() {
    String[] first = DevSealKey.loadOrCreate(dir);
    String[] again = DevSealKey.loadOrCreate(dir);
    assertEquals(first[0], again[0], "same private key after a restart");
    SealKeyRing ring = SealKeyRing.of(DevSealKey.KEY_ID, first[0], first[1], "");
    assertEquals(SealAlgorithm.ED25519, ring.algorithm(), "Ed25519");
  }

  static KeyPair ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  static String privatePem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
