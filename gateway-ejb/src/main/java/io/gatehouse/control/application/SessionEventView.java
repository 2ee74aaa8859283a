package io.gatehouse.control.application;

import java.time.Instant;

/**
 * One recorded event; {@code payload} is the event's JSON as recorded, {@code previousHash} and
 * {@code hash} its place in the session's hash chain (docs/RECORDINGS.md).
 */
public record SessionEventView(
    long sequence,
    Instant occurredAt,
    String type,
    String decision,
    String ruleId,
    String payload,
    String previousHash,
    String hash) {}
