package io.gatehouse.control.application;

import java.time.Instant;

/** One webhook notification in the outbox, as the API shows it (the URL is left out: a secret). */
public record NotificationView(
    String id,
    String event,
    String subject,
    String status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant sentAt,
    String lastError,
    String webhookHost) {}
