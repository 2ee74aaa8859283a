package io.gatehouse.control.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.control.identity.IdentitySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialKeysTest {

  static CredentialKeys keys(String issuer, Optional<String> masterKey, Path devDir) {
    CredentialKeys keys = new CredentialKeys();
    keys.masterKey = masterKey;
    keys.masterKeyId = "k1";
    keys.previousKeys = Optional.empty();
    keys.maskingKeySetting = Optional.empty();
    keys.identity = new IdentitySettings(issuer, "gatehouse", "", "RS256", devDir, 30);
    return keys;
  }

  @Test
  void outsideDevModeAMissingKeyStopsTheStart(@TempDir Path dir) {
    CredentialKeys keys = keys("https://idp.example", Optional.empty(), dir);

    IllegalStateException e = assertThrows(IllegalStateException.class, keys::load);
    assertTrue(e.getMessage().contains("GATEHOUSE_CREDENTIAL_MASTER_KEY"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve(DevMasterKey.FILE)), "no key generated");
  }

  @Test
  void devModeGeneratesAKey(@TempDir Path dir) {
    CredentialKeys keys = keys(IdentitySettings.DEV_ISSUER, Optional.empty(), dir);

    keys.load();

    assertEquals("dev", keys.cipher().currentKeyId(), "dev key id");
    assertTrue(Files.exists(dir.resolve(DevMasterKey.FILE)), "key kept in the dev directory");
  }

  @Test
  void aConfiguredKeyWinsEvenInDevMode(@TempDir Path dir) {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    CredentialKeys keys = keys(IdentitySettings.DEV_ISSUER, Optional.of(key), dir);

    keys.load();

    assertEquals("k1", keys.cipher().currentKeyId(), "configured key id");
  }

  @Test
  void theMaskingKeyIsDerivedStablyUnlessSet(@TempDir Path dir) {
    String master = Base64.getEncoder().encodeToString(new byte[32]);
    CredentialKeys first = keys("https://idp.example", Optional.of(master), dir);
    first.load();
    CredentialKeys second = keys("https://idp.example", Optional.of(master), dir);
    second.load();
    assertEquals(32, first.maskingKey().length, "an HMAC-SHA-256 sized key");
    assertTrue(
        java.util.Arrays.equals(first.maskingKey(), second.maskingKey()),
        "the same master key derives the same masking key on every server");
    assertTrue(
        !java.util.Arrays.equals(new byte[32], first.maskingKey()),
        "derived, not the master key itself");

    byte[] explicit = new byte[32];
    explicit[0] = 7;
    CredentialKeys configured = keys("https://idp.example", Optional.of(master), dir);
    configured.maskingKeySetting = Optional.of(Base64.getEncoder().encodeToString(explicit));
    configured.load();
    assertTrue(
        java.util.Arrays.equals(explicit, configured.maskingKey()),
        "gatehouse.masking.key wins, so hashes survive a master key rotation");
  }
}
