package io.gatehouse.control.infrastructure.persistence;

import io.gatehouse.control.domain.model.session.SessionEvent;
import io.gatehouse.control.domain.model.session.UnreadableEventsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one stored chunk: consecutive events of one session, each as eight length-prefixed
 * fields (sequence, time, type, payload, decision, rule, previous hash, hash). A field is {@code ~}
 * when absent, else its length in UTF-16 units, {@code :}, and the text as recorded, unescaped:
 * encoding is a copy and decoding a substring, so the payload a hash covers comes back exactly,
 * whatever characters it holds. The text starts with {@link #FORMAT}.
 *
 * <p>Decoding checks everything it reads (the format tag, each length against what is left, the
 * numbers, the times, that sequences follow each other without gaps) and says what it found wrong,
 * so an edit made in the store that breaks the framing is reported, never read as other events. An
 * edit that keeps the framing is caught by the hash chain, as for any other edit.
 */
public final class EventChunkCodec {

  static final String FORMAT = "gh-events-1\n";
  private static final char ABSENT = '~';

  private EventChunkCodec() {}

  /** The events (one session's, consecutive, in order) as one chunk, stored as UTF-8. */
  public static byte[] encode(List<SessionEvent> events) {
    return text(events).getBytes(StandardCharsets.UTF_8);
  }

  /** The chunk's text, before its encoding. */
  static String text(List<SessionEvent> events) {
    int size = FORMAT.length();
    for (SessionEvent e : events) {
      size += 64 + length(e.type()) + length(e.payload()) + length(e.previousHash());
      size += length(e.hash()) + length(e.decision()) + length(e.ruleId());
    }
    StringBuilder out = new StringBuilder(size).append(FORMAT);
    for (SessionEvent e : events) {
      field(out, Long.toString(e.sequence()));
      field(out, e.occurredAt().toString());
      field(out, e.type());
      field(out, e.payload());
      field(out, e.decision());
      field(out, e.ruleId());
      field(out, e.previousHash());
      field(out, e.hash());
    }
    return out.toString();
  }

  /**
   * The events of a chunk stored for {@code sessionId} as numbers {@code first} to {@code last}.
   *
   * @throws UnreadableEventsException naming the chunk and what is wrong with its text
   */
  public static List<SessionEvent> decode(String sessionId, long first, long last, byte[] stored) {
    return decode(sessionId, first, last, new String(stored, StandardCharsets.UTF_8));
  }

  static List<SessionEvent> decode(String sessionId, long first, long last, String text) {
    Reader in = new Reader(sessionId, first, last, text);
    if (text == null || !text.startsWith(FORMAT)) {
      throw in.problem("it does not start with the format tag " + FORMAT.strip());
    }
    if (first < 1 || last < first) {
      throw in.problem("its range " + first + " to " + last + " is not a range of events");
    }
    in.at = FORMAT.length();
    List<SessionEvent> events = new ArrayList<>((int) Math.min(last - first + 1, 4096));
    long expected = first;
    while (in.at < text.length()) {
      int start = in.at;
      String number = in.field("sequence");
      long sequence;
      try {
        sequence = Long.parseLong(number == null ? "" : number);
      } catch (NumberFormatException e) {
        throw in.problem("the sequence number at offset " + start + " is not a number");
      }
      if (sequence != expected) {
        throw in.problem("event " + sequence + " where event " + expected + " belongs");
      }
      String time = in.field("time");
      Instant at;
      try {
        at = Instant.parse(time == null ? "" : time);
      } catch (DateTimeParseException e) {
        throw in.problem("the time of event " + sequence + " is not an instant");
      }
      String type = in.field("type");
      if (type == null || type.isBlank()) {
        throw in.problem("event " + sequence + " has no type");
      }
      events.add(
          new SessionEvent(
              sessionId,
              sequence,
              at,
              type,
              in.field("payload"),
              in.field("decision"),
              in.field("rule"),
              in.field("previous hash"),
              in.field("hash")));
      expected++;
    }
    if (expected != last + 1) {
      throw in.problem("it holds events " + first + " to " + (expected - 1) + " only");
    }
    return events;
  }

  private static int length(String s) {
    return s == null ? 1 : s.length() + 12;
  }

  private static void field(StringBuilder out, String value) {
    if (value == null) {
      out.append(ABSENT);
    } else {
      out.append(value.length()).append(':').append(value);
    }
  }

  private static final class Reader {
    private final String sessionId;
    private final long first;
    private final long last;
    private final String text;
    int at;

    Reader(String sessionId, long first, long last, String text) {
      this.sessionId = sessionId;
      this.first = first;
      this.last = last;
      this.text = text;
    }

    String field(String what) {
      if (at >= text.length()) {
        throw problem("it ends before the " + what + " field");
      }
      if (text.charAt(at) == ABSENT) {
        at++;
        return null;
      }
      int length = 0;
      int digits = 0;
      while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
        if (++digits > 9) {
          throw problem("the length of the " + what + " field at offset " + at + " is too long");
        }
        length = length * 10 + (text.charAt(at) - '0');
        at++;
      }
      if (digits == 0 || at >= text.length() || text.charAt(at) != ':') {
        throw problem("the " + what + " field at offset " + at + " has no length");
      }
      at++;
      if (length > text.length() - at) {
        throw problem(
            "the "
                + what
                + " field at offset "
                + at
                + " claims "
                + length
                + " characters but "
                + (text.length() - at)
                + " are left");
      }
      String value = text.substring(at, at + length);
      at += length;
      return value;
    }

    UnreadableEventsException problem(String why) {
      return new UnreadableEventsException(sessionId, first, last, why);
    }
  }
}
