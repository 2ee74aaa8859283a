package io.gatehouse.control.infrastructure.notify;

import io.gatehouse.control.domain.model.notification.Notification;
import io.gatehouse.control.domain.model.notification.NotificationRepository;
import io.gatehouse.control.domain.model.notification.NotificationStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox steps of one delivery, each in its own short transaction: the post itself runs outside
 * any transaction, so a slow webhook holds no row lock.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class NotificationStore {

  /** What a sender needs of a claimed row. */
  public record Outgoing(String id, String event, String url, String payload, int attempts) {}

  @Inject NotificationRepository outbox;

  public List<String> due(Instant now, int limit) {
    return outbox.due(now, limit);
  }

  /** The row, held for this sender until {@code until}; empty when someone else has it. */
  public Optional<Outgoing> claim(String id, Instant now, Instant until) {
    if (!outbox.claim(id, now, until)) {
      return Optional.empty();
    }
    Notification n = outbox.find(id).orElseThrow();
    return Optional.of(new Outgoing(n.id(), n.event(), n.webhookUrl(), n.payload(), n.attempts()));
  }

  public void sent(String id, Instant now) {
    outbox.find(id).ifPresent(n -> n.sent(now));
  }

  /** Records a failed try; true when the row was given up. */
  public boolean failed(
      String id,
      String error,
      Instant now,
      Duration backoff,
      Duration maxBackoff,
      int maxAttempts) {
    Optional<Notification> n = outbox.find(id);
    n.ifPresent(row -> row.failed(error, now, backoff, maxBackoff, maxAttempts));
    return n.map(row -> row.status() != NotificationStatus.PENDING).orElse(false);
  }

  /** Frees a claimed row untouched, to be tried after {@code next} (the breaker was open). */
  public void postpone(String id, Instant next) {
    outbox.find(id).ifPresent(n -> n.postpone(next));
  }
}
