package io.gatehouse.connector.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveSessionsTest {

  static final class Told implements LiveSessions.Terminable {
    final List<String> heard = new ArrayList<>();

    @Override
    public void terminate(String reason) {
      heard.add("end: " + reason);
    }

    @Override
    public void warn(String message) {
      heard.add("warn: " + message);
    }
  }

  @Test
  void aGrantWarningReachesOnlyThatGrantsSessionsAndEndsNothing() {
    LiveSessions live = new LiveSessions();
    Told a = new Told();
    Told b = new Told();
    Told standing = new Told();
    live.add(new LiveSessions.Entry("s1", "alice", "orders", "postgres", Instant.now(), "g1", a));
    live.add(new LiveSessions.Entry("s2", "alice", "box", "ssh", Instant.now(), "g1", b));
    live.add(new LiveSessions.Entry("s3", "bob", "orders", "postgres", Instant.now(), standing));

    assertEquals(2, live.warnGrant("g1", "ends in 5 minutes"), "both sessions of g1");
    assertEquals(List.of("warn: ends in 5 minutes"), a.heard, "postgres session told");
    assertEquals(List.of("warn: ends in 5 minutes"), b.heard, "ssh session told");
    assertEquals(List.of(), standing.heard, "standing access is not told");
    assertEquals(3, live.list().size(), "a warning ends nothing");
    assertEquals(0, live.warnGrant("g2", "x"), "another grant has no sessions here");
    // A handle that only knows how to end (the default warn) is skipped silently.
    live.add(new LiveSessions.Entry("s4", "carol", "orders", "http", Instant.now(), "g3", r -> {}));
    assertEquals(1, live.warnGrant("g3", "x"), "counted, nothing thrown");
  }
}
