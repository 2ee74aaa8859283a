package io.gatehouse.ssh.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.ssh.server.ModernAlgorithms;
import io.gatehouse.ssh.server.SharedIoGroup;
import io.gatehouse.ssh.testing.InProcessTarget;
import java.net.StandardSocketOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** Target sessions run on the gateway listener's I/O group (SharedIoGroupTest). */
  @Test
  void theConnectorUsesTheSharedIoGroupWhileOpen() throws Exception {
    int before = SharedIoGroup.users();
    try (TargetConnector connector = new TargetConnector()) {
      assertEquals(before + 1, SharedIoGroup.users());
    }
    assertEquals(before, SharedIoGroup.users(), "given back when the connector closes");
  }

  /** As OpenSSH does; see GatewaySshServerTest#clientConnectionsHaveNagleOff. */
  @Test
  void targetConnectionsHaveNagleOff(@TempDir Path dir) throws Exception {
    try (InProcessTarget target = new InProcessTarget(dir);
        TargetConnector connector = new TargetConnector()) {
      TargetEndpoint endpoint = target.endpoint();
      ClientSession session =
          connector.connect(endpoint, Duration.ofSeconds(10), Duration.ofSeconds(10));
      try {
        Nio2Session socket = (Nio2Session) session.getIoSession();
        assertTrue(socket.getSocket().getOption(StandardSocketOptions.TCP_NODELAY));
      } finally {
        session.close(true);
      }
    }
  }
}
