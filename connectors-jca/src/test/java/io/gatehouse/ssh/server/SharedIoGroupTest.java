package io.gatehouse.ssh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.AsynchronousChannelGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedIoGroupTest {

  private static SshServer server(Path dir) throws Exception {
    SshServer server = SshServer.setUpDefaultServer();
    server.setIoServiceFactoryFactory(SharedIoGroup.factoryFactory());
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host")));
    server.setPasswordAuthenticator((user, password, session) -> "pw".equals(password));
    return server;
  }

  private static SshClient client() {
    SshClient client = SshClient.setUpDefaultClient();
    client.setIoServiceFactoryFactory(SharedIoGroup.factoryFactory());
    client.setServerKeyVerifier((session, address, key) -> true);
    return client;
  }

  /** Connects and logs in; {@code connected} sees the session before authentication starts. */
  private static ClientSession login(
      SshClient client, SshServer server, Consumer<ClientSession> connected) throws Exception {
    ClientSession session =
        client
            .connect("u", "127.0.0.1", server.getPort())
            .verify(Duration.ofSeconds(10))
            .getSession();
    connected.accept(session);
    session.addPasswordIdentity("pw");
    session.auth().verify(Duration.ofSeconds(10));
    return session;
  }

  /**
   * What the shared group is for: a write made on an I/O thread to a socket of the other MINA
   * instance (here the server, on its thread, writes to the client's session, as the relay writes
   * the target's data to the client) completes within the call that made it, not later on a thread
   * woken for it. With a group per instance the JDK hands each such completion to the other group's
   * threads, so the write is almost never complete when the call returns. Ten writes, each taken by
   * the idle socket at once: all ten complete in the call (a few hand-offs are allowed for a busy
   * socket; with a group per instance none or one of ten did).
   */
  @Test
  void aWriteToTheOtherInstancesSocketCompletesOnTheWritingIoThread(@TempDir Path dir)
      throws Exception {
    AtomicReference<ClientSession> clientSide = new AtomicReference<>();
    CompletableFuture<Integer> doneInTheCall = new CompletableFuture<>();
    SshServer server = server(dir);
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionEvent(Session session, Event event) {
            if (event != Event.Authenticated) {
              return;
            }
            try {
              ClientSession other = clientSide.get();
              int done = 0;
              for (int i = 0; i < 10; i++) {
                Buffer ignore = other.createBuffer(SshConstants.SSH_MSG_IGNORE, 16);
                ignore.putString("relayed " + i);
                if (other.writePacket(ignore).isDone()) {
                  done++;
                }
              }
              doneInTheCall.complete(done);
            } catch (Exception e) {
              doneInTheCall.completeExceptionally(e);
            }
          }
        });
    server.start();
    SshClient client = client();
    client.start();
    try (ClientSession session = login(client, server, clientSide::set)) {
      int done = doneInTheCall.get(10, TimeUnit.SECONDS);
      assertTrue(done >= 8, done + " of 10 writes complete when the call returned");
    } finally {
      client.stop();
      server.stop(true);
    }
  }

  @Test
  void theGroupIsSharedWhileInUseAndShutDownWhenItsLastUserCloses(@TempDir Path dir)
      throws Exception {
    int before = SharedIoGroup.users();
    SshServer server = server(dir);
    server.start();
    AsynchronousChannelGroup group = SharedIoGroup.group();
    assertNotNull(group);
    SshClient client = client();
    client.start();
    try (ClientSession session = login(client, server, s -> {})) {
      assertEquals(before + 2, SharedIoGroup.users(), "the server and the client");
      assertSame(group, SharedIoGroup.group(), "one group for both");
    }
    client.stop();
    assertEquals(before + 1, SharedIoGroup.users(), "the client gave it back");
    assertTrue(!group.isShutdown(), "still used by the server");
    server.stop(true);
    assertEquals(before, SharedIoGroup.users(), "the server gave it back");

    assumeTrue(before == 0, "another test's server or client still holds the group");
    assertTrue(group.awaitTermination(10, TimeUnit.SECONDS), "its threads are gone");
    assertEquals(null, SharedIoGroup.group());
    SshServer again = server(dir);
    again.start();
    try {
      assertNotSame(group, SharedIoGroup.group(), "a fresh group after the last one ended");
      assertEquals(1, SharedIoGroup.users());
    } finally {
      again.stop(true);
    }
    assertEquals(0, SharedIoGroup.users());
  }
}
