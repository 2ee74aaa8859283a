package io.gatehouse.control.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.control.infrastructure.cluster.TerminationMessage.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminationMessageTest {

  @Test
  void roundTripsThroughJson() {
    TerminationMessage sent =
        new TerminationMessage(Kind.GRANT, "g-1", "revoked by \"rita\": done", "server-a");
    TerminationMessage received = TerminationMessage.parse(sent.toJson()).orElseThrow();
    assertEquals(sent, received);
    assertFalse(received.fromThisServer());
  }

  @Test
  void grantWarningsTravelAsTheirOwnKind() {
    TerminationMessage sent =
        new TerminationMessage(Kind.GRANT_WARNING, "g-2", "expires in 5 minutes", "server-b");
    assertTrue(sent.toJson().contains("\"kind\":\"grant-warning\""), sent.toJson());
    assertEquals(sent, TerminationMessage.parse(sent.toJson()).orElseThrow());
  }

  @Test
  void knowsItsOwnMessages() {
    TerminationMessage sent = TerminationMessage.of(Kind.SESSION, "s-1", "bye");
    assertTrue(TerminationMessage.parse(sent.toJson()).orElseThrow().fromThisServer());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "{\"v\":2,\"kind\":\"session\",\"id\":\"s\",\"origin\":\"o\"}",
        "{\"v\":1,\"kind\":\"other\",\"id\":\"s\",\"origin\":\"o\"}",
        "{\"v\":1,\"kind\":\"session\",\"origin\":\"o\"}",
        "{\"v\":1,\"kind\":\"session\",\"id\":\"s\"}",
        "{\"v\":1,\"kind\":\"session\",\"id\":7,\"origin\":\"o\"}"
      })
  void ignoresWhatItDoesNotUnderstand(String payload) {
    assertTrue(TerminationMessage.parse(payload).isEmpty());
  }

  @Test
  void keepsThePayloadBelowPostgresLimit() {
    String reason = "é".repeat(10_000);
    TerminationMessage message = TerminationMessage.of(Kind.SESSION, "s", reason);
    int bytes = message.toJson().getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes < 8000, "payload is " + bytes + " bytes");
    assertTrue(message.reason().endsWith("..."));
  }
}
