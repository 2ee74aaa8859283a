package io.gatehouse.recording;

import static io.gatehouse.recording.Chains.renumbered;
import static io.gatehouse.recording.Chains.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChainVerifierTest {

  private static final int N = 8;

  @Test
  void anIntactChainVerifies() {
    ChainReport report = ChainVerifier.verify(session(N));
    assertTrue(report.valid(), "intact: " + report.problems());
    assertEquals(N, report.events(), "events counted");
    assertEquals(session(N).get(N - 1).hash(), report.headHash(), "head is the last hash");
  }

  @Test
  void eventsInAnyOrderAreCheckedBySequence() {
    List<RecordedEvent> shuffled = new ArrayList<>(session(N));
    java.util.Collections.reverse(shuffled);
    assertTrue(ChainVerifier.verify(shuffled).valid(), "read order does not matter");
  }

  static Stream<Arguments> singleByteEdits() {
    List<Arguments> cases = new ArrayList<>();
    for (int index = 0; index < N; index++) {
      for (String field :
          List.of(
              "sessionId", "at", "type", "payload", "decision", "ruleId", "previousHash", "hash")) {
        cases.add(Arguments.of(index, field));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "event {0}, field {1}")
  @MethodSource("singleByteEdits")
  void anyOneByteEditOfAnyFieldNamesTheEvent(int index, String field) {
    List<RecordedEvent> events = new ArrayList<>(session(N));
    events.set(index, edit(events.get(index), field));
    ChainReport report = ChainVerifier.verify(events);

    long sequence = index + 1;
    assertFalse(report.valid(), field + " edit detected");
    assertTrue(
        report.problems().stream()
            .anyMatch(p -> p.sequence() == sequence && p.problem().contains("edited")),
        "event " + sequence + " named as edited: " + report.problems());
    assertTrue(
        report.problems().stream().allMatch(p -> p.sequence() >= sequence),
        "nothing before it blamed: " + report.problems());
  }

  @Test
  void aDeletedEventIsNamedAsMissing() {
    List<RecordedEvent> events = new ArrayList<>(session(N));
    events.remove(4);
    assertEquals(
        List.of(new ChainProblem(5, "missing: event 5 was deleted")),
        ChainVerifier.verify(events).problems());

    List<RecordedEvent> firstGone = new ArrayList<>(session(N));
    firstGone.remove(0);
    assertEquals(
        List.of(new ChainProblem(1, "missing: event 1 was deleted")),
        ChainVerifier.verify(firstGone).problems());
  }

  @Test
  void aDeletionHiddenByRenumberingIsStillFound() {
    List<RecordedEvent> events = new ArrayList<>(session(N));
    events.remove(3);
    for (int i = 3; i < events.size(); i++) {
      events.set(i, renumbered(events.get(i), i + 1));
    }
    ChainReport report = ChainVerifier.verify(events);
    assertEquals(
        new ChainProblem(4, "reordered: recorded as event 5, stored as event 4"),
        report.problems().get(0),
        "the first renumbered event: " + report.problems());
  }

  @Test
  void swappedEventsAreNamedAsReordered() {
    List<RecordedEvent> events = new ArrayList<>(session(N));
    RecordedEvent fifth = events.get(4);
    RecordedEvent sixth = events.get(5);
    events.set(4, renumbered(sixth, 5));
    events.set(5, renumbered(fifth, 6));
    List<ChainProblem> problems = ChainVerifier.verify(events).problems();
    assertEquals(
        new ChainProblem(5, "reordered: recorded as event 6, stored as event 5"),
        problems.get(0),
        "first: " + problems);
    assertEquals(
        new ChainProblem(6, "reordered: recorded as event 5, stored as event 6"),
        problems.get(1),
        "second: " + problems);
  }

  @Test
  void anInsertedEventIsNamed() {
    List<RecordedEvent> original = session(N);
    List<RecordedEvent> events = new ArrayList<>(original.subList(0, 3));
    // A forger chains a new event properly after event 3 and renumbers the rest.
    events.add(
        EventChain.link(
            original.get(2).hash(),
            Chains.SESSION,
            4,
            original.get(2).at().plusMillis(1),
            "statement",
            "{\"sql\":\"SELECT 'nothing to see'\"}",
            "allow",
            null));
    for (int i = 3; i < original.size(); i++) {
      events.add(renumbered(original.get(i), i + 2));
    }
    List<ChainProblem> problems = ChainVerifier.verify(events).problems();
    assertEquals(4, problems.get(0).sequence(), "the inserted event first: " + problems);
    assertTrue(problems.get(0).problem().startsWith("inserted"), "named inserted: " + problems);
  }

  @Test
  void anEventEditedAndReHashedIsNamedAsReplaced() {
    List<RecordedEvent> original = session(N);
    List<RecordedEvent> events = new ArrayList<>(original);
    RecordedEvent third = original.get(2);
    events.set(
        2,
        EventChain.link(
            third.previousHash(),
            third.sessionId(),
            3,
            third.at(),
            third.type(),
            "{\"sql\":\"SELECT 1\"}",
            third.decision(),
            third.ruleId()));
    List<ChainProblem> problems = ChainVerifier.verify(events).problems();
    assertEquals(1, problems.size(), "one problem: " + problems);
    assertEquals(3, problems.get(0).sequence(), "event 3: " + problems);
    assertTrue(problems.get(0).problem().startsWith("replaced"), "replaced: " + problems);
  }

  @Test
  void truncationAndRewritingFromSomePointOnNeedTheSeal() {
    // Honest limits of a bare chain: these verify, and the seal is what catches them.
    assertTrue(ChainVerifier.verify(session(N).subList(0, N - 2)).valid(), "cut at the end");
    assertTrue(ChainVerifier.verify(Chains.rechained(session(N), 4)).valid(), "rewritten");
  }

  @Test
  void eventsFromBeforeChainingAreReportedAsNotChained() {
    RecordedEvent e = session(1).get(0);
    RecordedEvent unchained =
        new RecordedEvent(
            e.sessionId(), 1, e.at(), e.type(), e.payloadJson(), null, null, null, null);
    assertEquals(
        List.of(new ChainProblem(1, "not chained: recorded before recordings were hash-chained")),
        ChainVerifier.verify(List.of(unchained)).problems());
  }

  @Test
  void problemsAreCappedWithACount() {
    List<RecordedEvent> events = new ArrayList<>(session(150));
    for (int i = 0; i < events.size(); i++) {
      events.set(i, edit(events.get(i), "payload"));
    }
    List<ChainProblem> problems = ChainVerifier.verify(events).problems();
    assertEquals(ChainVerifier.MAX_PROBLEMS + 1, problems.size(), "capped");
    assertEquals(
        "and 50 more problems from here on", problems.get(ChainVerifier.MAX_PROBLEMS).problem());
  }

  /** The event with one byte (one character, one microsecond) of {@code field} changed. */
  static RecordedEvent edit(RecordedEvent e, String field) {
    UnaryOperator<String> flip = ChainVerifierTest::flipOneByte;
    return new RecordedEvent(
        field.equals("sessionId") ? flip.apply(e.sessionId()) : e.sessionId(),
        e.sequence(),
        field.equals("at") ? e.at().plusNanos(1000) : e.at(),
        field.equals("type") ? flip.apply(e.type()) : e.type(),
        field.equals("payload") ? flip.apply(e.payloadJson()) : e.payloadJson(),
        field.equals("decision") ? flip.apply(e.decision()) : e.decision(),
        field.equals("ruleId") ? flip.apply(e.ruleId()) : e.ruleId(),
        field.equals("previousHash") ? flipHex(e.previousHash()) : e.previousHash(),
        field.equals("hash") ? flipHex(e.hash()) : e.hash());
  }

  private static String flipHex(String hex) {
    char last = hex.charAt(hex.length() - 1);
    return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
  }

  // A null field gains a value: the smallest possible edit of an absent field.
  private static String flipOneByte(String value) {
    if (value == null || value.isEmpty()) {
      return "x";
    }
    int middle = value.length() / 2;
    return value.substring(0, middle)
        + (char) (value.charAt(middle) ^ 1)
        + value.substring(middle + 1);
  }
}
