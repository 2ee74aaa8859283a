package io.gatehouse.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the pages show them: UTC, to the second. */
public final class Times {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String format(Instant instant) {
    return instant == null ? "" : FORMAT.format(instant);
  }

  /** "3m 12s", "1h 4m", "850 ms"; empty for an open interval. */
  public static String between(Instant from, Instant to) {
    if (from == null || to == null) {
      return "";
    }
    Duration d = Duration.between(from, to);
    if (d.toSeconds() < 1) {
      return d.toMillis() + " ms";
    }
    if (d.toMinutes() < 1) {
      return d.toSeconds() + "s";
    }
    if (d.toHours() < 1) {
      return d.toMinutes() + "m " + d.toSecondsPart() + "s";
    }
    return d.toHours() + "h " + d.toMinutesPart() + "m";
  }
}
