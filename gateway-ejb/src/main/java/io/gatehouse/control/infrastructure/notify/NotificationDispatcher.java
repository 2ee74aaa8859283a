package io.gatehouse.control.infrastructure.notify;

import io.gatehouse.control.domain.model.notification.NotificationQueued;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Starts posting an outbox row once the transaction that wrote it has committed: a decision that
 * rolls back notifies nobody, and the decision never waits for the post (it runs on another
 * thread). A row whose transaction committed but whose post never started is the sweeper's.
 */
@ApplicationScoped
public class NotificationDispatcher {

  @EJB NotificationDelivery delivery;

  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationQueued queued) {
    delivery.deliver(queued.id());
  }
}
