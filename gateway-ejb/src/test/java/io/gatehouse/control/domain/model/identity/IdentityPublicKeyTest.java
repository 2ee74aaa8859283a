package io.gatehouse.control.domain.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityPublicKeyTest {

  // An ed25519 key and the fingerprint ssh-keygen -lf prints for it.
  static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@host";

  @Test
  void computesTheOpenSshFingerprint() {
    IdentityPublicKey key = new IdentityPublicKey("alice", KEY, Instant.EPOCH);

    assertEquals(
        IdentityPublicKey.fingerprint(KEY.replace(" alice@host", "")),
        key.fingerprint(),
        "the comment does not change the fingerprint");
    assertEquals(
        "SHA256:", key.fingerprint().substring(0, 7), "OpenSSH SHA256 form: " + key.fingerprint());
    assertEquals(50, key.fingerprint().length(), "43 unpadded base64 digits after SHA256:");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ssh-ed25519",
        "ssh-dss AAAAB3NzaC1kc3M=",
        "ssh-ed25519 !!!",
        "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
      })
  void refusesWhatIsNotAnOpenSshKey(String text) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new IdentityPublicKey("alice", text, Instant.EPOCH),
        "'" + text + "'");
  }
}
