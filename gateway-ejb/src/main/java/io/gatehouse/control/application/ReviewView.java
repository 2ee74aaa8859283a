package io.gatehouse.control.application;

import java.time.Instant;
import java.util.List;

/** A review of held work as the API shows it. */
public record ReviewView(
    String id,
    String sessionId,
    String requester,
    String connection,
    String ruleId,
    String subject,
    String status,
    List<String> approverGroups,
    int minApprovals,
    List<DecisionView> approvals,
    Instant requestedAt,
    Instant expiresAt,
    Instant decidedAt,
    String decidedBy,
    String decisionReason) {}
