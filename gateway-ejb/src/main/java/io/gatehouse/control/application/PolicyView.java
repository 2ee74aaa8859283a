package io.gatehouse.control.application;

import java.time.Instant;

/**
 * A stored policy.
 *
 * @param document the canonical JSON document
 * @param usedBy how many connections refer to it
 */
public record PolicyView(
    String name,
    String description,
    int ruleCount,
    String document,
    long version,
    Instant createdAt,
    Instant updatedAt,
    long usedBy) {}
