package io.gatehouse.ssh.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.ra.RecordingConnectionManager;
import io.gatehouse.ssh.relay.HostKeyPin;
import io.gatehouse.ssh.relay.TargetCredential;
import io.gatehouse.ssh.relay.TargetEndpoint;
import io.gatehouse.ssh.server.SessionAttributes;
import io.gatehouse.ssh.testing.MinaUser;
import io.gatehouse.ssh.testing.SshdTestTarget;
import jakarta.resource.ResourceException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The target session pool's JCA contract against a real OpenSSH sshd, with a connection manager
 * that pools like the container's (Liberty's own is exercised by SshGatewayIT).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SshTargetPoolTest {

  private static SshdTestTarget sshd;
  private static TargetEndpoint target;

  @BeforeAll
  static void start() throws Exception {
    sshd = SshdTestTarget.start();
    target =
        new TargetEndpoint(
            "127.0.0.1",
            sshd.port(),
            SshdTestTarget.USER,
            TargetCredential.keyPair(sshd.clientKey()),
            sshd.hostKeyPin());
  }

  @AfterAll
  static void stop() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  private static SshTargetConnectionFactory factory(RecordingConnectionManager cm) {
    return (SshTargetConnectionFactory)
        new SshTargetManagedConnectionFactory().createConnectionFactory(cm);
  }

  private static String exec(ClientSession session, String command) throws Exception {
    return MinaUser.exec(session, command, new byte[0]).outText().strip();
  }

  @Test
  void sequentialLeasesShareOneAuthenticatedTargetSession() throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    SshTargetConnectionFactory factory = factory(cm);
    SshTargetRequest request = new SshTargetRequest("web", target, 1);
    SshTarget first = factory.getConnection(request);
    ClientSession session = first.session();
    assertEquals("one", exec(session, "echo one"));
    first.close();
    for (int i = 0; i < 3; i++) {
      try (SshTarget next = factory.getConnection(request)) {
        assertSame(session, next.session(), "the pool hands the same target session back");
        assertEquals(SshdTestTarget.USER, exec(next.session(), "id -un"));
      }
    }
    assertEquals(1, cm.created, "one key exchange and login for four gateway sessions");
    assertThrows(IllegalStateException.class, first::session, "a closed handle is detached");
  }

  @Test
  void anotherConnectionOrCredentialVersionNeverReusesASession() throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    SshTargetConnectionFactory factory = factory(cm);
    factory.getConnection(new SshTargetRequest("web", target, 1)).close();
    factory.getConnection(new SshTargetRequest("web", target, 2)).close();
    factory.getConnection(new SshTargetRequest("db", target, 1)).close();
    assertEquals(3, cm.created, "connection and credential version are part of the match");
    factory.getConnection(new SshTargetRequest("web", target, 2)).close();
    assertEquals(3, cm.created, "an equal request is served from the pool");
  }

  @Test
  void aLeasedSessionIsNotHandedToASecondUser() throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    SshTargetConnectionFactory factory = factory(cm);
    SshTargetRequest request = new SshTargetRequest("web", target, 1);
    try (SshTarget first = factory.getConnection(request);
        SshTarget second = factory.getConnection(request)) {
      assertNotSame(first.session(), second.session(), "leases are exclusive");
    }
    assertEquals(2, cm.created);
  }

  @Test
  void aChannelLeftOpenIsClosedBeforeTheNextLease() throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    SshTargetConnectionFactory factory = factory(cm);
    SshTargetRequest request = new SshTargetRequest("web", target, 1);
    SshTarget first = factory.getConnection(request);
    ClientSession session = first.session();
    ChannelExec leftOver = session.createExecChannel("echo started; exec sleep 60");
    leftOver.open().verify(MinaUser.TIMEOUT);
    // Running: signalled before the target's child has made its process group, TERM would miss.
    byte[] started = new byte[8];
    assertEquals(8, leftOver.getInvertedOut().readNBytes(started, 0, 8));
    assertEquals("started\n", new String(started, java.nio.charset.StandardCharsets.US_ASCII));
    first.close();
    assertTrue(
        leftOver
            .waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10))
            .contains(ClientChannelEvent.CLOSED),
        "the previous user's channel (its process sent TERM) is closed when the session returns"
            + " to the pool: "
            + sshd.log());
    try (SshTarget next = factory.getConnection(request)) {
      assertSame(session, next.session());
      assertTrue(
          SshTargetManagedConnection.openChannels(next.session()).isEmpty(),
          "the next user starts with no channels");
    }
  }

  @Test
  void aDiscardedOrDeadSessionIsDestroyedAndReplaced() throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    SshTargetConnectionFactory factory = factory(cm);
    SshTargetRequest request = new SshTargetRequest("web", target, 1);
    SshTarget discarded = factory.getConnection(request);
    ClientSession broken = discarded.session();
    discarded.discard();
    assertEquals(List.of("error"), cm.events, "discard fires CONNECTION_ERROR_OCCURRED");
    assertFalse(broken.isOpen(), "a destroyed target session is closed");
    SshTarget dying = factory.getConnection(request);
    ClientSession dead = dying.session();
    assertNotSame(broken, dead);
    dead.close(true); // the target or the network dropped it while leased
    dying.close();
    assertEquals(List.of("error", "error"), cm.events, "a dead session is not pooled");
    try (SshTarget fresh = factory.getConnection(request)) {
      assertTrue(fresh.session().isOpen());
      assertEquals("ok", exec(fresh.session(), "echo ok"));
    }
    assertEquals(3, cm.created);
  }

  @Test
  void aSessionThatCarriedAForwardIsNeverPooled() throws Exception {
    RecordingConnectionManager cm = new RecordingConnectionManager();
    SshTargetConnectionFactory factory = factory(cm);
    SshTargetRequest request = new SshTargetRequest("web", target, 1);
    SshTarget forwarded = factory.getConnection(request);
    ClientSession carried = forwarded.session();
    // A remote forward's listener or the client's agent was set up on it.
    carried.setAttribute(SessionAttributes.NOT_POOLED, Boolean.TRUE);
    forwarded.close(); // given back as if reusable
    assertEquals(List.of("closed", "cleanup-failed"), cm.events, cm.events::toString);
    assertFalse(carried.isOpen(), "it is destroyed, not pooled");
    try (SshTarget next = factory.getConnection(request)) {
      assertNotSame(carried, next.session());
      assertEquals("ok", exec(next.session(), "echo ok"));
    }
    assertEquals(2, cm.created);
  }

  @Test
  void aWrongHostKeyIsASpecificAllocationError() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    TargetEndpoint wrongPin =
        new TargetEndpoint(
            "127.0.0.1",
            sshd.port(),
            SshdTestTarget.USER,
            target.credential(),
            HostKeyPin.of(generator.generateKeyPair().getPublic()));
    ResourceException e =
        assertThrows(
            ResourceException.class,
            () ->
                factory(new RecordingConnectionManager())
                    .getConnection(new SshTargetRequest("web", wrongPin, 1)));
    assertTrue(
        e.getMessage().contains("host key"), () -> "message names the host key: " + e.getMessage());
  }
}
