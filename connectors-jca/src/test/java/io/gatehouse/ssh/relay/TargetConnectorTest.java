package io.gatehouse.ssh.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.ssh.server.ModernAlgorithms;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.junit.jupiter.api.Test;

class TargetConnectorTest {

  /** The gateway's own leg to a target: AES-128-GCM first, MINA's pure-Java ChaCha20 last. */
  @Test
  void theTargetLegPrefersAes128GcmAndOffersChaChaLast() {
    List<String> names =
        TargetConnector.targetCiphers().stream().map(NamedResource::getName).toList();
    assertEquals("aes128-gcm@openssh.com", names.get(0), names.toString());
    assertEquals("aes256-gcm@openssh.com", names.get(1), names.toString());
    assertEquals("chacha20-poly1305@openssh.com", names.get(names.size() - 1), names.toString());
    assertEquals(ModernAlgorithms.ciphers().size(), names.size(), "no cipher added or dropped");
  }
}
