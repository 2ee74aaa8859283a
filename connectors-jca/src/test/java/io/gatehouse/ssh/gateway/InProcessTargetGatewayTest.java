package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.recording.Asciicast;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.ssh.testing.InProcessTarget;
import io.gatehouse.ssh.testing.OpenSshClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenSSH client through the gateway, with a real policy, masking, recording and replay,
 * to the in-process MINA target ({@link InProcessTarget}, logged in to with a password) instead of
 * OpenSSH's sshd: the data path does not depend on the target being OpenSSH.
 */
@Timeout(120)
class InProcessTargetGatewayTest {

  private static final String TOKEN = "in-process-token";
  private static final String POLICY =
      """
      {"name":"in-process","rules":[
        {"id":"no-rm-rf","action":"block","when":{"command":{"patterns":["rm -rf *"]}},
         "message":"rm -rf is not allowed here"}],
       "masking":{"rules":[{"id":"cards","detector":"payment-card","strategy":"partial"}]}}
      """;

  @TempDir static Path work;
  private static InProcessTarget target;
  private static EventSpool spool;
  private static SshGateway gateway;
  private static OpenSshClient client;
  private static final List<RecordedEvent> stored = new CopyOnWriteArrayList<>();
  private static final List<String> sessions = new CopyOnWriteArrayList<>();
  private static SpoolShipper shipper;
  private static final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void start() throws Exception {
    target = new InProcessTarget(work);
    spool = EventSpool.open(work.resolve("spool"), false);
    shipper =
        new SpoolShipper(spool, stored::addAll, 500, Duration.ofMillis(50), Clock.systemUTC());
    String hostKey = target.hostKeyLine();
    gateway =
        TokenGateway.start(
            work,
            TOKEN,
            request -> {
              String id = UUID.randomUUID().toString();
              sessions.add(id);
              return new SessionPlan(
                  id,
                  "carol",
                  Set.of("ops"),
                  request.connection(),
                  Protocol.SSH,
                  new TargetSpec(
                      "127.0.0.1",
                      target.port(),
                      null,
                      null,
                      "disable",
                      null,
                      hostKey,
                      InProcessTarget.USER,
                      InProcessTarget.PASSWORD,
                      "password",
                      1),
                  "in-process",
                  1,
                  POLICY,
                  Instant.now().plusSeconds(3600),
                  null,
                  new byte[32]);
            },
            spool,
            shipper,
            timers,
            Clock.systemUTC());
    client = new OpenSshClient(work, gateway.port(), TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    timers.shutdownNow();
    if (spool != null) {
      spool.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void allowedBlockedAndMaskedCommandsAreRecordedAndReplay() throws Exception {
    OpenSshClient.Run hello = client.ssh("mina", "echo hello-mina");
    assertEquals(0, hello.exit(), hello::toString);
    assertEquals("hello-mina\n", hello.out(), hello::toString);
    List<RecordedEvent> helloEvents = events(lastSession());
    String cast =
        Asciicast.export(
            helloEvents.get(0).at(),
            helloEvents.stream().map(e -> new Asciicast.Event(e.type(), e.payloadJson())).toList());
    assertTrue(cast.contains("[") && cast.contains("\"o\", \"hello-mina\\n\""), cast);

    OpenSshClient.Run blocked = client.ssh("mina", "rm -rf /srv");
    assertEquals(126, blocked.exit(), blocked::toString);
    assertTrue(
        blocked.err().contains("rule no-rm-rf: rm -rf is not allowed here"), blocked::toString);
    assertFalse(blocked.err().contains("unknown command"), "never reached the target: " + blocked);
    RecordedEvent command =
        events(lastSession()).stream()
            .filter(e -> e.type().equals("command"))
            .findFirst()
            .orElseThrow();
    assertEquals("block", command.decision(), command.toString());

    OpenSshClient.Run card = client.ssh("mina", "echo card 4111111111111111 end");
    assertEquals(0, card.exit(), card::toString);
    assertEquals("card ************1111 end\n", card.out(), card::toString);
    for (RecordedEvent event : events(lastSession())) {
      if (!event.type().equals("command")) {
        assertFalse(event.payloadJson().contains("4111111111111111"), event.toString());
      }
    }
  }

  private static String lastSession() {
    return sessions.get(sessions.size() - 1);
  }

  private static List<RecordedEvent> events(String sessionId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      shipper.shipOnce();
      List<RecordedEvent> events =
          stored.stream().filter(e -> e.sessionId().equals(sessionId)).toList();
      if (events.stream().anyMatch(e -> e.type().equals("session-end"))) {
        return events;
      }
      assertTrue(System.nanoTime() < deadline, "no session-end for " + sessionId + ": " + events);
      Thread.sleep(50);
    }
  }
}
