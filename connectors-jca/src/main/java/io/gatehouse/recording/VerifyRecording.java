package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies an exported recording offline, with the JDK alone (no server, no database):
 *
 * <pre>
 * java -cp connectors-jca.jar io.gatehouse.recording.VerifyRecording \
 *     --session session.json --keys seal-keys.json events.json [more-events.json …]
 * </pre>
 *
 * {@code session.json} is {@code GET /api/v1/sessions/{id}}, {@code seal-keys.json} is {@code GET
 * /api/v1/seal-keys}, each events file one page of {@code GET /api/v1/sessions/{id}/events}. Prints
 * the same JSON report as {@code GET /api/v1/sessions/{id}/verify}; exits 0 when the recording and
 * its seal hold, 1 when they do not, 2 on bad input.
 */
public final class VerifyRecording {

  private VerifyRecording() {}

  public static void main(String[] args) {
    try {
      Report report = run(args);
      System.out.println(report.json());
      System.exit(report.valid() ? 0 : 1);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("verify-recording: " + e.getMessage());
      System.err.println(
          "usage: VerifyRecording --session SESSION.json --keys SEAL-KEYS.json EVENTS.json…");
      System.exit(2);
    }
  }

  /** The verification's outcome and its JSON form. */
  public record Report(ChainReport chain, SealCheck seal) {

    public boolean valid() {
      return chain.valid() && seal.valid();
    }

    public String json() {
      StringBuilder out = new StringBuilder("{\"valid\":").append(valid());
      out.append(",\"events\":").append(chain.events()).append(",\"problems\":[");
      for (int i = 0; i < chain.problems().size(); i++) {
        ChainProblem problem = chain.problems().get(i);
        out.append(i == 0 ? "" : ",")
            .append("{\"sequence\":")
            .append(problem.sequence())
            .append(",\"problem\":")
            .append(MiniJson.quote(problem.problem()))
            .append('}');
      }
      out.append("],\"seal\":{\"valid\":").append(seal.valid());
      out.append(",\"keyId\":").append(MiniJson.quote(seal.keyId()));
      out.append(",\"algorithm\":").append(MiniJson.quote(seal.algorithm()));
      out.append(",\"problems\":[");
      for (int i = 0; i < seal.problems().size(); i++) {
        out.append(i == 0 ? "" : ",").append(MiniJson.quote(seal.problems().get(i)));
      }
      return out.append("]}}").toString();
    }
  }

  static Report run(String[] args) throws IOException {
    Path session = null;
    Path keys = null;
    List<Path> eventFiles = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--session" -> session = Path.of(value(args, ++i, "--session"));
        case "--keys" -> keys = Path.of(value(args, ++i, "--keys"));
        default -> eventFiles.add(Path.of(args[i]));
      }
    }
    if (session == null || keys == null || eventFiles.isEmpty()) {
      throw new IllegalArgumentException("--session, --keys and at least one events file needed");
    }
    Map<String, Object> sessionJson = object(MiniJson.parse(Files.readString(session)), "session");
    List<RecordedEvent> events = new ArrayList<>();
    String sessionId = text(sessionJson, "id");
    for (Path file : eventFiles) {
      for (Object event : list(MiniJson.parse(Files.readString(file)), file.toString())) {
        events.add(event(sessionId, object(event, "event")));
      }
    }
    return verify(sessionJson, events, publicKeys(MiniJson.parse(Files.readString(keys))));
  }

  static Report verify(
      Map<String, Object> session, List<RecordedEvent> events, Map<String, PublicKey> keys) {
    ChainReport chain = ChainVerifier.verify(events);
    Object seal = session.get("seal");
    if (seal == null) {
      return new Report(chain, SealVerifier.unsealed("the session has no seal"));
    }
    Map<String, Object> s = object(seal, "seal");
    SealStatement statement =
        new SealStatement(
            text(session, "id"),
            ((BigDecimal) s.get("eventCount")).longValueExact(),
            (String) s.get("headHash"),
            Instant.parse(text(session, "endedAt")),
            Instant.parse(text(s, "sealedAt")));
    return new Report(
        chain,
        SealVerifier.check(
            statement, text(s, "algorithm"), text(s, "keyId"), text(s, "signature"), keys, chain));
  }

  private static RecordedEvent event(String sessionId, Map<String, Object> e) {
    return new RecordedEvent(
        sessionId,
        ((BigDecimal) e.get("sequence")).longValueExact(),
        Instant.parse(text(e, "occurredAt")),
        text(e, "type"),
        e.get("payload") instanceof String payload ? payload : "",
        (String) e.get("decision"),
        (String) e.get("ruleId"),
        (String) e.get("previousHash"),
        (String) e.get("hash"));
  }

  private static Map<String, PublicKey> publicKeys(Object json) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    for (Object entry : list(json, "seal keys")) {
      Map<String, Object> key = object(entry, "seal key");
      keys.put(text(key, "keyId"), SealAlgorithm.publicKey(text(key, "publicKey")));
    }
    return keys;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object json, String what) {
    if (json instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(what + ": a JSON object expected");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object json, String what) {
    if (json instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new IllegalArgumentException(what + ": a JSON array expected");
  }

  private static String text(Map<String, Object> json, String field) {
    if (json.get(field) instanceof String value) {
      return value;
    }
    throw new IllegalArgumentException("field '" + field + "' missing or not a string");
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a file");
    }
    return args[i];
  }
}
