package io.gatehouse.control.application;

import java.time.Instant;
import java.util.List;

/** A just-in-time grant as the API shows it. */
public record GrantView(
    String id,
    String identity,
    String connection,
    String reason,
    long durationSeconds,
    String status,
    int minApprovals,
    List<DecisionView> approvals,
    Instant requestedAt,
    Instant startsAt,
    Instant endsAt,
    String endedBy,
    String endReason,
    Instant endedAt,
    Instant expiresAt,
    Long secondsLeft,
    boolean expiringSoon) {}
