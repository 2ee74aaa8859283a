package io.gatehouse.ssh.relay;

import java.security.PublicKey;
import java.util.Objects;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * The host key a target must present, as an OpenSSH SHA-256 fingerprint ({@code SHA256:…}, what
 * {@code ssh-keygen -lf} prints).
 */
public record HostKeyPin(String fingerprint) {

  public HostKeyPin {
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (!fingerprint.startsWith("SHA256:")) {
      throw new IllegalArgumentException("host key pin must be a SHA256: fingerprint");
    }
  }

  public static HostKeyPin of(PublicKey key) {
    return new HostKeyPin(KeyUtils.getFingerPrint(key));
  }

  public boolean matches(PublicKey key) {
    return fingerprint.equals(KeyUtils.getFingerPrint(key));
  }
}
