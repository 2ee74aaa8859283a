package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolRecorder;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.recording.testing.FlakyStore;
import io.gatehouse.recording.testing.MovableClock;
import io.gatehouse.ssh.testing.MinaUser;
import io.gatehouse.ssh.testing.OpenSshClient;
import io.gatehouse.ssh.testing.SshdTestTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict recording with the store down, through the real SSH listener to a real OpenSSH target (as
 * {@code PgStrictRecordingTest} for PostgreSQL): once the store has refused batches for longer than
 * the grace period, a new session is refused with a message that says why, an open session's next
 * command is refused before it reaches the target, and both work again once the store takes a
 * batch.
 */
@Timeout(120)
class SshStrictRecordingTest {

  private static final String TOKEN = "strict-token";

  @Test
  void newSessionsAreRefusedAndOpenOnesStopWhileTheStoreIsDown(@TempDir Path work)
      throws Exception {
    MovableClock clock = new MovableClock();
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    Path victim = Files.createDirectories(Path.of("/tmp/gatehouse-strict-" + UUID.randomUUID()));
    victim.toFile().setWritable(true, false);
    try (SshdTestTarget sshd = SshdTestTarget.start();
        EventSpool spool = EventSpool.open(work.resolve("spool"), false)) {
      FlakyStore store = new FlakyStore(spool, clock);
      SpoolShipper shipper = store.shipper();
      String hostKey =
          Files.readString(
              sshd.directory().resolve("ssh_host_ecdsa_key.pub"), StandardCharsets.UTF_8);
      String privateKey =
          Files.readString(sshd.directory().resolve("client_key"), StandardCharsets.UTF_8);
      SshGateway gateway =
          TokenGateway.start(
              work,
              TOKEN,
              request -> plan(request.connection(), sshd, hostKey, privateKey),
              spool,
              shipper,
              timers,
              clock);
      MinaUser user = new MinaUser();
      OpenSshClient client = new OpenSshClient(work, gateway.port(), TOKEN);
      try (gateway;
          ClientSession open = user.login(gateway.port(), "strict", TOKEN)) {
        assertEquals(0, MinaUser.exec(open, "echo one", new byte[0]).exit(), "store up: runs");

        store.up(false);
        assertEquals(0, MinaUser.exec(open, "echo two", new byte[0]).exit(), "within the grace");
        MovableClock.await(
            () -> shipper.lastError() != null, "the shipper sees the store refuse a batch");
        clock.advance(SpoolRecorder.STORE_GRACE.plusSeconds(1));

        OpenSshClient.Run refused = client.ssh("strict", "echo three");
        assertEquals(255, refused.exit(), refused::toString);
        assertTrue(
            refused.err().contains("recording store is unavailable"),
            "a new session is refused and told why: " + refused);
        assertFalse(refused.out().contains("three"), refused::toString);

        MinaUser.Result stopped =
            MinaUser.exec(open, "rmdir " + victim, new byte[0]); // would remove the directory
        assertTrue(stopped.exit() != 0, "the open session's command is refused: " + stopped);
        assertTrue(
            stopped.err().contains("recording store is unavailable"),
            "and says why: " + stopped.err());
        assertTrue(Files.isDirectory(victim), "the refused command never reached the target");

        store.up(true);
        MovableClock.await(() -> shipper.lastError() == null, "the shipper's retry gets through");
        OpenSshClient.Run again = client.ssh("strict", "echo four");
        assertEquals(0, again.exit(), again::toString);
        assertEquals("four\n", again.out(), again::toString);
      } finally {
        user.client().stop();
        store.close();
      }
    } finally {
      timers.shutdownNow();
      Files.deleteIfExists(victim);
    }
  }

  private static SessionPlan plan(
      String connection, SshdTestTarget sshd, String hostKey, String privateKey) {
    TargetSpec target =
        new TargetSpec(
            "127.0.0.1",
            sshd.port(),
            null,
            null,
            "disable",
            null,
            hostKey,
            SshdTestTarget.USER,
            privateKey,
            "privateKey",
            1);
    return new SessionPlan(
        UUID.randomUUID().toString(),
        "alice",
        Set.of("developers"),
        connection,
        Protocol.SSH,
        target,
        "strict-policy",
        1,
        "{\"name\":\"strict-policy\",\"recording\":\"strict\"}",
        Instant.now().plusSeconds(3600),
        null,
        new byte[32]);
  }
}
