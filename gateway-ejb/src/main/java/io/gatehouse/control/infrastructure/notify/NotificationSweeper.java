package io.gatehouse.control.infrastructure.notify;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code gatehouse.notify.sweep.seconds}, hands the outbox rows that are due (a retry whose
 * backoff is over, a row left pending by a restart) to {@link NotificationDelivery}. A
 * non-persistent interval timer on each server; the rows' leases keep two servers apart.
 */
@Startup
@Singleton
public class NotificationSweeper {

  private static final Logger LOG = Logger.getLogger(NotificationSweeper.class.getName());
  static final int BATCH = 50;

  @Resource TimerService timers;
  @EJB NotificationStore store;
  @EJB NotificationDelivery delivery;

  @Inject
  @ConfigProperty(name = "gatehouse.notify.sweep.seconds", defaultValue = "10")
  long sweepSeconds;

  @PostConstruct
  void start() {
    long every = Math.max(1, sweepSeconds) * 1000;
    timers.createIntervalTimer(
        Math.min(every, 3000), every, new TimerConfig("notification-sweep", false));
  }

  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void sweep() {
    try {
      List<String> due = store.due(Instant.now(), BATCH);
      for (String id : due) {
        delivery.deliver(id);
      }
      if (!due.isEmpty()) {
        LOG.fine(() -> "Outbox sweep: " + due.size() + " notification(s) due");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "outbox sweep failed; the next one retries", e);
    }
  }
}
