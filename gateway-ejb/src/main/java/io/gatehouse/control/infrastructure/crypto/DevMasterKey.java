package io.gatehouse.control.infrastructure.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Dev mode's credential master key: generated once into the dev directory, readable by owner. */
final class DevMasterKey {

  static final String FILE = "credential-master.key";
  static final String KEY_ID = "dev";

  private DevMasterKey() {}

  /** The key in {@code dir}, created (mode 600) if missing. */
  static byte[] loadOrCreate(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).strip());
      }
      Files.createDirectories(dir);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Path tmp = file.resolveSibling(FILE + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies.
      }
      Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n");
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the dev credential key in " + dir, e);
    }
  }
}
