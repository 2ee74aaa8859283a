package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.DecisionView;
import io.gatehouse.control.application.GrantView;
import io.gatehouse.control.domain.model.grant.Grant;
import io.gatehouse.control.domain.model.grant.GrantStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Grants as views: never the entity outside the EJB tier. */
final class GrantViews {

  private GrantViews() {}

  static GrantView of(Grant g, Instant now, ExpiryWarning warning) {
    boolean active = g.status() == GrantStatus.ACTIVE;
    Instant expiresAt = active ? g.windowEnd() : null;
    Long secondsLeft =
        active ? Math.max(0, Duration.between(now, g.windowEnd()).toSeconds()) : null;
    boolean soon =
        active
            && !now.isBefore(g.windowEnd().minus(warning.lead(g.requestedDuration())))
            && !warning.lead(g.requestedDuration()).isZero();
    return new GrantView(
        g.id(),
        g.identity(),
        g.connectionName(),
        g.reason(),
        g.requestedDuration().toSeconds(),
        g.status().name().toLowerCase(Locale.ROOT),
        g.minApprovals(),
        g.approvals().stream()
            .map(a -> new DecisionView(a.approver(), a.approvedAt(), a.comment()))
            .toList(),
        g.requestedAt(),
        g.windowStart(),
        g.windowEnd(),
        g.endedBy(),
        g.endReason(),
        g.endedAt(),
        expiresAt,
        secondsLeft,
        soon);
  }
}
