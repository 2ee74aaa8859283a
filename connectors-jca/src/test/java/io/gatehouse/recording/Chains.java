package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test recordings: a well-formed chain and ways to damage it. */
final class Chains {

  static final String SESSION = "6f1c1f0e-8a63-4a4e-9d55-6a7f3f3c2b10";
  static final Instant START = Instant.parse("2026-11-23T10:00:00.123456Z");

  private Chains() {}

  /** A session of {@code count} events: start, statements (allowed, blocked), end. */
  static List<RecordedEvent> session(int count) {
    List<RecordedEvent> events = new ArrayList<>();
    String head = EventChain.GENESIS;
    for (int seq = 1; seq <= count; seq++) {
      boolean blocked = seq % 3 == 0;
      String type = seq == 1 ? "session-start" : seq == count ? "session-end" : "statement";
      RecordedEvent event =
          EventChain.link(
              head,
              SESSION,
              seq,
              START.plusMillis(seq * 1500L),
              type,
              "{\"sql\":\"SELECT " + seq + " -- é\"}",
              type.equals("statement") ? (blocked ? "block" : "allow") : null,
              blocked ? "no-drop" : null);
      events.add(event);
      head = event.hash();
    }
    return events;
  }

  /** The event as stored under another sequence number (hashes unchanged). */
  static RecordedEvent renumbered(RecordedEvent e, long sequence) {
    return new RecordedEvent(
        e.sessionId(),
        sequence,
        e.at(),
        e.type(),
        e.payloadJson(),
        e.decision(),
        e.ruleId(),
        e.previousHash(),
        e.hash());
  }

  /** Events re-chained from index {@code from} on, as someone rewriting the store would. */
  static List<RecordedEvent> rechained(List<RecordedEvent> events, int from) {
    List<RecordedEvent> out = new ArrayList<>(events.subList(0, from));
    String head = from == 0 ? EventChain.GENESIS : out.get(from - 1).hash();
    for (int i = from; i < events.size(); i++) {
      RecordedEvent e = events.get(i);
      RecordedEvent linked =
          EventChain.link(
              head,
              e.sessionId(),
              i + 1,
              e.at(),
              e.type(),
              e.payloadJson(),
              e.decision(),
              e.ruleId());
      out.add(linked);
      head = linked.hash();
    }
    return out;
  }
}
