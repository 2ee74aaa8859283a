package io.gatehouse.control.infrastructure.seal;

import io.gatehouse.recording.SealAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Dev mode's seal key: an Ed25519 pair generated once into the dev directory (private: mode 600).
 */
final class DevSealKey {

  static final String PRIVATE_FILE = "seal-private.pem";
  static final String PUBLIC_FILE = "seal-public.pem";
  static final String KEY_ID = "dev";

  private DevSealKey() {}

  /** The private and public PEM in {@code dir}, created if missing. */
  static String[] loadOrCreate(Path dir) {
    Path privateFile = dir.resolve(PRIVATE_FILE);
    Path publicFile = dir.resolve(PUBLIC_FILE);
    try {
      if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
        Files.createDirectories(dir);
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        write(publicFile, SealAlgorithm.pem(pair.getPublic()), false);
        write(
            privateFile,
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n",
            true);
      }
      return new String[] {Files.readString(privateFile), Files.readString(publicFile)};
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the dev seal key in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
    }
  }

  private static void write(Path file, String text, boolean secret) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    if (secret) {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies.
      }
    }
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
