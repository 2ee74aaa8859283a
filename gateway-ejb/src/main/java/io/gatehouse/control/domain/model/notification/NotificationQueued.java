package io.gatehouse.control.domain.model.notification;

/** A CDI event: an outbox row was written; post it once its transaction commits. */
public record NotificationQueued(String id) {}
