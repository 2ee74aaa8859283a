package io.gatehouse.control.infrastructure.notify;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Posts one outbox row, on a container thread of its own ({@code @Asynchronous}) and outside any
 * transaction: claim the row (a lease, so two servers or the sweeper and the commit hook never post
 * it at once), post, record the outcome. A failure schedules the next try with backoff; after
 * {@code gatehouse.notify.max.attempts} tries the row is marked failed and logged.
 */
@Stateless
public class NotificationDelivery {

  private static final Logger LOG = Logger.getLogger(NotificationDelivery.class.getName());

  @EJB NotificationStore store;
  @Inject WebhookSender sender;
  @Inject WebhookBreakers breakers;

  @Inject
  @ConfigProperty(name = "gatehouse.notify.timeout.seconds", defaultValue = "5")
  long timeoutSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.notify.max.attempts", defaultValue = "8")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "gatehouse.notify.backoff.seconds", defaultValue = "5")
  long backoffSeconds;

  Clock clock = Clock.systemUTC();

  /** How long a row waits when the bulkhead is full (too many posts at once). */
  static final Duration BUSY_WAIT = Duration.ofSeconds(5);

  static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

  @Asynchronous
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void deliver(String id) {
    Instant now = clock.instant();
    // Three tries of at most one timeout each, plus the retry delays.
    Instant lease = now.plusSeconds(3 * timeoutSeconds + 10);
    Optional<NotificationStore.Outgoing> claimed = store.claim(id, now, lease);
    if (claimed.isEmpty()) {
      return;
    }
    NotificationStore.Outgoing row = claimed.get();
    if (!breakers.allows(row.url(), now)) {
      store.postpone(id, breakers.retryAt(row.url(), now));
      LOG.fine(() -> "Notification " + id + " held back: its webhook's breaker is open");
      return;
    }
    try {
      int status = sender.post(URI.create(row.url()), row.payload());
      breakers.succeeded(row.url());
      store.sent(id, clock.instant());
      LOG.fine(() -> "Notification " + id + " (" + row.event() + ") posted: HTTP " + status);
    } catch (BulkheadException e) {
      store.postpone(id, clock.instant().plus(BUSY_WAIT));
      LOG.info(
          () ->
              "Notification "
                  + id
                  + " ("
                  + row.event()
                  + ") held back: "
                  + "too many webhook posts at once"
                  + "; next try in "
                  + BUSY_WAIT.toSeconds()
                  + " s");
    } catch (WebhookException | FaultToleranceException e) {
      String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      boolean opened = breakers.failed(row.url(), clock.instant());
      boolean gaveUp =
          store.failed(
              id,
              error,
              clock.instant(),
              Duration.ofSeconds(backoffSeconds),
              MAX_BACKOFF,
              maxAttempts);
      LOG.log(
          gaveUp ? Level.WARNING : Level.INFO,
          "Notification "
              + id
              + " ("
              + row.event()
              + ") not delivered (try "
              + (row.attempts() + 1)
              + " of "
              + maxAttempts
              + "): "
              + error
              + (gaveUp ? "; given up" : "; will retry")
              + (opened
                  ? "; this webhook is left alone for " + WebhookBreakers.OPEN.toSeconds() + " s"
                  : ""));
    } catch (RuntimeException e) {
      store.failed(
          id,
          e.toString(),
          clock.instant(),
          Duration.ofSeconds(backoffSeconds),
          MAX_BACKOFF,
          maxAttempts);
      LOG.log(Level.WARNING, "Notification " + id + " failed unexpectedly", e);
    }
  }
}
