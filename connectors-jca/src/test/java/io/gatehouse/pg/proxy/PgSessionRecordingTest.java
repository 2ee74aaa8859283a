package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.pg.testing.PostgresCluster;
import io.gatehouse.policy.SessionTimeouts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a session's recording says about its statements, through the real listener to a real
 * PostgreSQL: the client's address at session start, each result's command tag (rows affected) and
 * duration, and a failed statement's SQLSTATE and message, masked where the message echoes a value.
 */
@ExtendWith(PostgresCluster.class)
class PgSessionRecordingTest {

  static final String CARD = "4111111111111111";

  /** One recorded event: its type and its payload. */
  record Event(String type, JsonObject payload) {}

  @Test
  void resultsErrorsAndTheClientAddressAreRecorded(PostgresCluster pg) throws Exception {
    List<Event> events = new CopyOnWriteArrayList<>();
    long started = System.nanoTime();
    try (ProxyHarness proxy =
            ProxyHarness.allowingAll(
                pg,
                new PlanMasking(MaskingPlan.compile(List.of(ProxyHarness.cardDetector()), null)),
                (type, json, verdict) ->
                    events.add(
                        new Event(type, Json.createReader(new StringReader(json)).readObject())),
                () -> SessionTimeouts.NONE);
        Connection c = DriverManager.getConnection(proxy.jdbcUrl("orders", "disable"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE recorded_items (n int)");
      assertEquals(
          3,
          s.executeUpdate("INSERT INTO recorded_items VALUES (1), (2), (3)"),
          "the client is told 3 rows");
      SQLException failed =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT '" + CARD + "'::int"));
      assertEquals("22003", failed.getSQLState(), "out of range: " + failed);

      Event insert =
          await(
              events,
              e -> e.type().equals("result") && e.payload().getString("tag").startsWith("INSERT"));
      Event error = await(events, e -> e.type().equals("error"));
      long wallMicros = (System.nanoTime() - started) / 1_000;

      assertEquals("INSERT 0 3", insert.payload().getString("tag"), "rows affected: 3");
      long micros = insert.payload().getJsonNumber("micros").longValueExact();
      assertTrue(
          micros >= 0 && micros < wallMicros,
          "the INSERT's duration, " + micros + " us, lies within the test's " + wallMicros + " us");

      assertEquals("22003", error.payload().getString("sqlstate"), "the error's SQLSTATE");
      String message = error.payload().getString("message");
      assertEquals(
          "value \"************1111\" is out of range for type integer",
          message,
          "the error's message, the card it echoed masked");
      assertFalse(error.payload().toString().contains(CARD), "the card is nowhere in the event");

      Event start = await(events, e -> e.type().equals("session-start"));
      assertEquals("127.0.0.1", start.payload().getString("client"), "the client's address");
      assertEquals(
          "session-start",
          events.get(0).type(),
          "the session's first event: " + events.stream().map(Event::type).toList());
    }
  }

  private static Event await(List<Event> events, Predicate<Event> wanted)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (Event e : events) {
        if (wanted.test(e)) {
          return e;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no such event in " + events);
  }
}
