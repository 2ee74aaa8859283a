package io.gatehouse.control.application.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How long before its end a grant's sessions are warned: {@code seconds}, but never more than
 * {@code fraction} of the grant (a 10-minute grant is not warned at its start). No warning under
 * one second.
 *
 * @param seconds {@code gatehouse.grant.warning.seconds}; 0 turns warnings off
 * @param fraction {@code gatehouse.grant.warning.fraction}, 0-1
 */
record ExpiryWarning(long seconds, double fraction) {

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  ExpiryWarning {
    if (seconds < 0 || !(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "gatehouse.grant.warning.seconds must be >= 0 and gatehouse.grant.warning.fraction 0-1");
    }
  }

  /** The lead for a grant of {@code duration}; zero when there is no warning. */
  Duration lead(Duration duration) {
    long millis = Math.min(seconds * 1000, (long) (duration.toMillis() * fraction));
    return millis < 1000 ? Duration.ZERO : Duration.ofMillis(millis);
  }

  /** What the sessions are told, {@code left} before {@code end}. */
  static String message(String grantId, String connection, Instant end, Duration left) {
    return "access grant "
        + grantId
        + " on "
        + connection
        + " expires at "
        + TIME.format(end)
        + " (in "
        + human(left)
        + "); ask for a new grant to keep working";
  }

  static String human(Duration left) {
    long s = Math.max(0, (left.toMillis() + 500) / 1000);
    if (s >= 120) {
      long m = (s + 30) / 60;
      return m + " minutes";
    }
    return s == 1 ? "1 second" : s + " seconds";
  }
}
