package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.recording.Asciicast;
import io.gatehouse.ssh.testing.InProcessTarget;
import io.gatehouse.ssh.testing.OpenSshClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
  private static RecordingGateway gateway;
  private static OpenSshClient client;

  @BeforeAll
  static void start() throws Exception {
    target = new InProcessTarget(work);
    TargetSpec spec = RecordingGateway.inProcess(target);
    gateway =
        new RecordingGateway(
            work, TOKEN, "carol", Set.of("ops"), "in-process", POLICY, request -> spec);
    client = new OpenSshClient(work, gateway.port(), TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
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
    return gateway.lastSession();
  }

  private static List<RecordedEvent> events(String sessionId) throws Exception {
    return gateway.events(sessionId);
  }
}
