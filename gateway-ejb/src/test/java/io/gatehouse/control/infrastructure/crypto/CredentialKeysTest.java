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
}
