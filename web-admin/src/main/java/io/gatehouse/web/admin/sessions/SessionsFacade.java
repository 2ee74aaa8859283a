package io.gatehouse.web.admin.sessions;

import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.SessionService;
import io.gatehouse.web.api.sessions.Replays;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The Sessions pages' way into the control plane: rows and timelines, never entities. */
@ApplicationScoped
public class SessionsFacade {

  /** The most events the detail page shows; the API pages through the rest. */
  static final int TIMELINE_LIMIT = 1000;

  @EJB SessionService sessions;

  /** Newest first. */
  public List<SessionRow> find(SessionFilter filter, int offset, int limit) {
    return sessions
        .list(filter.getIdentity(), filter.getConnection(), filter.getStatus(), offset, limit)
        .stream()
        .map(SessionRow::of)
        .toList();
  }

  public Optional<SessionRow> get(String id) {
    try {
      return Optional.of(SessionRow.of(sessions.get(id)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Whether the session has terminal output for the player (SSH, kubectl exec). */
  public boolean replayable(String id) {
    return Replays.asciicast(sessions, sessions.get(id)).isPresent();
  }

  public List<TimelineEntry> timeline(String id) {
    return sessions.events(id, 0, TIMELINE_LIMIT).stream().map(TimelineReader::read).toList();
  }
}
