package io.gatehouse.control.application;

import java.time.Instant;

/** One recorded event; {@code payload} is the event's JSON as recorded. */
public record SessionEventView(
    long sequence,
    Instant occurredAt,
    String type,
    String decision,
    String ruleId,
    String payload) {}
