package io.gatehouse.control.domain.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityPublicKeyTest {

  // An ed25519 key and the fingerprint ssh-keygen -lf prints for it.
  static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@host";
  static final String FINGERPRINT = "SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU";

  @Test
  void computesTheOpenSshFingerprint() {
    IdentityPublicKey key =
        new IdentityPublicKey(
            "alice",
            OpenSshPublicKey.parse(KEY),
            Set.of("devs"),
            Instant.EPOCH,
            Instant.EPOCH.plusSeconds(60));

    assertEquals(FINGERPRINT, key.fingerprint(), "as ssh-keygen -lf prints it");
    assertEquals(FINGERPRINT, IdentityPublicKey.fingerprint(KEY.replace(" alice@host", "")));
    assertEquals(KEY, key.publicKey(), "kept with its comment");
    assertEquals(Set.of("devs"), key.groups());
  }

  @Test
  void expiresAtItsTimeAndRenewsWithFreshGroups() {
    IdentityPublicKey key =
        new IdentityPublicKey(
            "alice",
            OpenSshPublicKey.parse(KEY),
            Set.of("devs", "ops"),
            Instant.EPOCH,
            Instant.EPOCH.plusSeconds(60));
    assertFalse(key.expiredAt(Instant.EPOCH.plusSeconds(59)));
    assertTrue(key.expiredAt(Instant.EPOCH.plusSeconds(60)));

    key.renew(Set.of("devs"), Instant.EPOCH.plusSeconds(600));
    assertFalse(key.expiredAt(Instant.EPOCH.plusSeconds(60)));
    assertEquals(Set.of("devs"), key.groups(), "a group lost since is gone");
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
    assertThrows(IllegalArgumentException.class, () -> OpenSshPublicKey.parse(text), text);
    assertThrows(IllegalArgumentException.class, () -> IdentityPublicKey.fingerprint(text), text);
  }
}
