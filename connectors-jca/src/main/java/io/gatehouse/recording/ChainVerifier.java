package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recomputes a session's hash chain from its stored events and names each event that does not fit:
 * edited (its hash no longer matches its fields), deleted (a gap in the numbers), reordered (its
 * hash matches another position), inserted (the next event links past it) or replaced (re-hashed,
 * but the next event was chained to something else). A chain alone cannot reveal events cut off the
 * end, or a chain rewritten whole from some point on: the seal covers those.
 */
public final class ChainVerifier {

  /** Problems listed in full; beyond this one line counts the rest. */
  public static final int MAX_PROBLEMS = 100;

  // How far from its stored place a moved event's recorded place is looked for.
  private static final int MOVE_WINDOW = 16;

  private final List<RecordedEvent> events;
  private final Map<String, Long> positionOfHash = new HashMap<>();
  private final Map<Long, RecordedEvent> bySequence = new HashMap<>();
  private final List<ChainProblem> problems = new ArrayList<>();

  private ChainVerifier(List<RecordedEvent> events) {
    this.events =
        events.stream().sorted(Comparator.comparingLong(RecordedEvent::sequence)).toList();
    for (RecordedEvent event : this.events) {
      bySequence.put(event.sequence(), event);
      if (event.hash() != null) {
        positionOfHash.putIfAbsent(event.hash(), event.sequence());
      }
    }
  }

  /** Verifies one session's stored events (in any order; they are sorted by sequence). */
  public static ChainReport verify(List<RecordedEvent> events) {
    return new ChainVerifier(events).run();
  }

  private ChainReport run() {
    long expected = 1;
    for (RecordedEvent event : events) {
      long n = event.sequence();
      if (n > expected) {
        add(
            expected,
            n - 1 == expected
                ? "missing: event " + expected + " was deleted"
                : "missing: events " + expected + " to " + (n - 1) + " were deleted");
      }
      check(event);
      expected = n + 1;
    }
    RecordedEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
    return new ChainReport(
        events.size(),
        last == null ? 0 : last.sequence(),
        last == null ? null : last.hash(),
        capped());
  }

  private void check(RecordedEvent event) {
    long n = event.sequence();
    if (event.hash() == null) {
      add(n, "not chained: recorded before recordings were hash-chained");
      return;
    }
    if (!EventChain.wellFormed(event.hash()) || !EventChain.wellFormed(event.previousHash())) {
      add(n, "hash mismatch: event edited (its chain hashes are malformed)");
      return;
    }
    if (!selfConsistent(event)) {
      // Its own fields explain any broken link too: name the event, not its neighbours.
      long recordedAs = recordedPosition(event);
      add(
          n,
          recordedAs > 0
              ? "reordered: recorded as event " + recordedAs + ", stored as event " + n
              : "hash mismatch: event edited");
      flagInsertedBefore(event);
      return;
    }
    checkLink(event);
  }

  // The event before this one is an insertion when both claim the same predecessor.
  private boolean flagInsertedBefore(RecordedEvent event) {
    long n = event.sequence();
    RecordedEvent before = bySequence.get(n - 1);
    if (n < 2 || before == null || event.previousHash().equals(before.hash())) {
      return false;
    }
    RecordedEvent twoBefore = bySequence.get(n - 2);
    String skipped = n == 2 ? EventChain.GENESIS : twoBefore == null ? null : twoBefore.hash();
    if (event.previousHash().equals(skipped) && Objects.equals(before.previousHash(), skipped)) {
      add(
          n - 1,
          "inserted: not part of the recorded chain (event "
              + n
              + " was recorded right after event "
              + (n - 2)
              + ")");
      return true;
    }
    return false;
  }

  private void checkLink(RecordedEvent event) {
    long n = event.sequence();
    if (n == 1) {
      if (!EventChain.GENESIS.equals(event.previousHash())) {
        add(n, linkProblem(event, "does not start the chain"));
      }
      return;
    }
    RecordedEvent before = bySequence.get(n - 1);
    if (before == null || before.hash() == null || event.previousHash().equals(before.hash())) {
      return; // a gap is reported as missing; an unchained predecessor as not chained
    }
    if (flagInsertedBefore(event) || !selfConsistent(before)) {
      return; // an insertion, or the event before it is already named as edited
    }
    if (positionOfHash.containsKey(event.previousHash())) {
      add(n, linkProblem(event, "does not follow event " + (n - 1)));
    } else {
      add(
          n - 1,
          "replaced: its hash is valid but event "
              + n
              + " was chained to a different event (edited and re-hashed)");
    }
  }

  private String linkProblem(RecordedEvent event, String what) {
    Long follows = positionOfHash.get(event.previousHash());
    if (follows != null) {
      return "broken link: " + what + ", it was recorded after event " + follows + " (reordered)";
    }
    return "broken link: "
        + what
        + ", the event it was recorded after is not in the store (deleted or replaced)";
  }

  private static boolean selfConsistent(RecordedEvent event) {
    return EventChain.wellFormed(event.previousHash())
        && EventChain.wellFormed(event.hash())
        && EventChain.expectedHash(event).equals(event.hash());
  }

  // The position whose number makes the event's hash valid again, 0 if none near.
  private long recordedPosition(RecordedEvent event) {
    List<Long> candidates = new ArrayList<>();
    if (EventChain.GENESIS.equals(event.previousHash())) {
      candidates.add(1L);
    }
    Long predecessor = positionOfHash.get(event.previousHash());
    if (predecessor != null) {
      candidates.add(predecessor + 1);
    }
    for (long d = 1; d <= MOVE_WINDOW; d++) {
      candidates.add(event.sequence() - d);
      candidates.add(event.sequence() + d);
    }
    for (long candidate : candidates) {
      if (candidate >= 1
          && candidate != event.sequence()
          && EventChain.expectedHash(event, candidate).equals(event.hash())) {
        return candidate;
      }
    }
    return 0;
  }

  private void add(long sequence, String problem) {
    problems.add(new ChainProblem(sequence, problem));
  }

  private List<ChainProblem> capped() {
    List<ChainProblem> sorted =
        problems.stream().sorted(Comparator.comparingLong(ChainProblem::sequence)).toList();
    if (sorted.size() <= MAX_PROBLEMS) {
      return sorted;
    }
    List<ChainProblem> head = new ArrayList<>(sorted.subList(0, MAX_PROBLEMS));
    ChainProblem next = sorted.get(MAX_PROBLEMS);
    head.add(
        new ChainProblem(
            next.sequence(),
            "and " + (sorted.size() - MAX_PROBLEMS) + " more problems from here on"));
    return head;
  }
}
