package io.gatehouse.ssh.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The gateway's host key: generated once (ECDSA P-256) into a directory and reused, so clients'
 * {@code known_hosts} entries stay valid across restarts.
 */
public final class HostKeys {

  public static final String HOST_KEY_FILE = "gatehouse_host_ecdsa_key";

  private HostKeys() {}

  static SimpleGeneratorHostKeyProvider provider(Path directory) throws IOException {
    Files.createDirectories(directory);
    SimpleGeneratorHostKeyProvider provider =
        new SimpleGeneratorHostKeyProvider(directory.resolve(HOST_KEY_FILE));
    provider.setAlgorithm(KeyUtils.EC_ALGORITHM);
    provider.setKeySize(256);
    provider.setStrictFilePermissions(true);
    return provider;
  }

  /** The OpenSSH-style fingerprint, {@code SHA256:…}. */
  public static String fingerprint(PublicKey key) {
    return KeyUtils.getFingerPrint(key);
  }
}
