package io.gatehouse.web.api.sessions;

import io.gatehouse.control.application.SessionEventView;
import io.gatehouse.control.application.SessionService;
import io.gatehouse.control.application.SessionView;
import io.gatehouse.recording.Asciicast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session's terminal recording as asciicast v2, read page by page from the store: one export for
 * the API's {@code /sessions/{id}/replay} and the admin app's player.
 */
public final class Replays {

  private static final int PAGE = 1000;

  private Replays() {}

  /**
   * The asciicast of {@code session}, or empty when it has no terminal output (a SQL session).
   *
   * @throws io.gatehouse.control.application.ResourceNotFoundException no such session
   */
  public static Optional<String> asciicast(SessionService sessions, SessionView session) {
    List<Asciicast.Event> events = new ArrayList<>();
    long after = 0;
    while (true) {
      List<SessionEventView> page = sessions.events(session.id(), after, PAGE);
      for (SessionEventView event : page) {
        events.add(new Asciicast.Event(event.type(), event.payload()));
        after = event.sequence();
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    if (!Asciicast.hasTerminalEvents(events)) {
      return Optional.empty();
    }
    return Optional.of(Asciicast.export(session.startedAt(), events));
  }
}
