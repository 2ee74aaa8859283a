package io.gatehouse.recording;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.RecordedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyRecordingTest {

  @TempDir Path dir;

  private final List<RecordedEvent> events = Chains.session(5);

  @Test
  void anExportedRecordingVerifiesOffline() throws Exception {
    VerifyRecording.Report report = VerifyRecording.run(export(events));
    assertTrue(report.valid(), "valid: " + report.json());
    assertTrue(
        report.json().startsWith("{\"valid\":true,\"events\":5,\"problems\":[]"), report.json());
  }

  @Test
  void anEditedExportIsNamedByEvent() throws Exception {
    List<RecordedEvent> edited =
        events.stream()
            .map(e -> e.sequence() == 3 ? ChainVerifierTest.edit(e, "payload") : e)
            .toList();
    VerifyRecording.Report report = VerifyRecording.run(export(edited));
    assertFalse(report.valid(), "invalid");
    assertTrue(
        report.json().contains("{\"sequence\":3,\"problem\":\"hash mismatch: event edited\"}"),
        report.json());
  }

  @Test
  void badInputIsAnError() {
    assertThrows(
        IllegalArgumentException.class, () -> VerifyRecording.run(new String[] {"x.json"}));
  }

  private String[] export(List<RecordedEvent> stored) throws Exception {
    KeyPair key = SealVerifierTest.ed25519();
    Instant ended = Instant.parse("2026-11-23T10:05:00.000001Z");
    Instant sealed = Instant.parse("2026-11-23T10:05:01Z");
    RecordedEvent last = events.get(events.size() - 1);
    SealStatement statement =
        new SealStatement(Chains.SESSION, events.size(), last.hash(), ended, sealed);
    Files.writeString(
        dir.resolve("session.json"),
        "{\"id\":\""
            + Chains.SESSION
            + "\",\"status\":\"closed\",\"endedAt\":\""
            + ended
            + "\",\"seal\":{\"algorithm\":\"Ed25519\",\"keyId\":\"s1\",\"signature\":\""
            + SealVerifierTest.sign(key, statement)
            + "\",\"sealedAt\":\""
            + sealed
            + "\",\"eventCount\":"
            + events.size()
            + ",\"headHash\":\""
            + last.hash()
            + "\"}}");
    Files.writeString(
        dir.resolve("keys.json"),
        "[{\"keyId\":\"s1\",\"algorithm\":\"Ed25519\",\"current\":true,\"publicKey\":"
            + MiniJson.quote(SealAlgorithm.pem(key.getPublic()))
            + "}]");
    StringBuilder json = new StringBuilder("[");
    for (RecordedEvent e : stored) {
      json.append(json.length() == 1 ? "" : ",")
          .append("{\"sequence\":")
          .append(e.sequence())
          .append(",\"occurredAt\":\"")
          .append(e.at())
          .append("\",\"type\":")
          .append(MiniJson.quote(e.type()))
          .append(",\"decision\":")
          .append(MiniJson.quote(e.decision()))
          .append(",\"ruleId\":")
          .append(MiniJson.quote(e.ruleId()))
          .append(",\"payload\":")
          .append(MiniJson.quote(e.payloadJson()))
          .append(",\"previousHash\":")
          .append(MiniJson.quote(e.previousHash()))
          .append(",\"hash\":")
          .append(MiniJson.quote(e.hash()))
          .append('}');
    }
    Files.writeString(dir.resolve("events.json"), json.append(']').toString());
    return new String[] {
      "--session",
      dir.resolve("session.json").toString(),
      "--keys",
      dir.resolve("keys.json").toString(),
      dir.resolve("events.json").toString()
    };
  }
}
