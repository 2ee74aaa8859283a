package io.gatehouse.ssh.relay;

import java.security.KeyPair;
import java.util.Objects;

/** The credential the gateway holds for a target login; {@code toString} never reveals it. */
public sealed interface TargetCredential {

  static TargetCredential password(String password) {
    return new Password(password);
  }

  static TargetCredential keyPair(KeyPair keyPair) {
    return new PrivateKey(keyPair);
  }

  /** A password for the target login. */
  record Password(String password) implements TargetCredential {
    public Password {
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Password[****]";
    }
  }

  /** A key pair whose public half is authorised on the target. */
  record PrivateKey(KeyPair keyPair) implements TargetCredential {
    public PrivateKey {
      Objects.requireNonNull(keyPair, "keyPair");
    }

    @Override
    public String toString() {
      return "PrivateKey[" + keyPair.getPublic().getAlgorithm() + "]";
    }
  }
}
