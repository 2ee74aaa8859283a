package io.gatehouse.control.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyRingTest {

  static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "k1|not base64!|''|not valid base64",
        "k1|AAAA|''|must be 32 bytes",
        "bad id!|" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" + "|''|key id",
        "k1|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=|k0|id:base64 pairs",
        "k1|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=|k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=|repeats",
      })
  void rejectsBadSettingsWithoutEchoingTheKey(String id, String key, String previous, String msg) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of(id, key, previous));

    assertTrue(e.getMessage().contains(msg), e.getMessage());
    assertFalse(e.getMessage().contains("AAAAAAAAAAAA"), "never echoes a key: " + e.getMessage());
  }

  @Test
  void toStringShowsIdsOnly() {
    KeyRing ring = KeyRing.of("k2", KEY, "k1:" + KEY);

    assertEquals("KeyRing[current=k2, ids=[k1, k2]]", ring.toString(), "ids only");
  }

  @Test
  void devKeyIsCreatedOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
    byte[] first = DevMasterKey.loadOrCreate(dir.resolve("dev"));
    byte[] second = DevMasterKey.loadOrCreate(dir.resolve("dev"));

    assertEquals(32, first.length, "AES-256 key");
    assertArrayEquals(first, second, "reused across starts");
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("dev").resolve(DevMasterKey.FILE))),
        "file mode 600");
  }
}
