package io.gatehouse.control.domain.model.notification;

/** Where an outbox row is: waiting (or between tries), posted, or given up. */
public enum NotificationStatus {
  PENDING,
  SENT,
  FAILED
}
