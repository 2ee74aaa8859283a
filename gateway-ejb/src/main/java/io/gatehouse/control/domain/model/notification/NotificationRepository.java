package io.gatehouse.control.domain.model.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outbox. */
public interface NotificationRepository {

  void store(Notification notification);

  Optional<Notification> find(String id);

  /** Ids of pending rows due at {@code now} and not claimed, oldest due first. */
  List<String> due(Instant now, int limit);

  /**
   * Takes a pending, due, unclaimed row until {@code until}; false when it is not there to take
   * (sent, given up, not due, or another sender holds it).
   */
  boolean claim(String id, Instant now, Instant until);

  /** Newest first. */
  List<Notification> recent(int limit);

  /** The rows about one review or grant, oldest first. */
  List<Notification> bySubject(String subjectId);
}
