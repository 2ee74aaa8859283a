package io.gatehouse.web.admin.grants;

import io.gatehouse.control.application.DecisionView;
import io.gatehouse.control.application.GrantView;
import io.gatehouse.web.admin.Times;
import java.io.Serializable;
import java.time.Instant;
import java.util.stream.Collectors;

/** One grant as the grants page shows it; {@code timeLeft} only while it is active. */
public record GrantRow(
    String id,
    String identity,
    String connection,
    String reason,
    String status,
    String duration,
    String requestedAt,
    String endsAt,
    String timeLeft,
    String approvedBy,
    String ended)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static GrantRow of(GrantView g, Instant now) {
    boolean active = "active".equals(g.status()) && g.endsAt() != null;
    return new GrantRow(
        g.id(),
        g.identity(),
        g.connection(),
        g.reason(),
        g.status(),
        Times.between(Instant.EPOCH, Instant.ofEpochSecond(g.durationSeconds())),
        Times.format(g.requestedAt()),
        Times.format(g.endsAt()),
        active && now.isBefore(g.endsAt()) ? Times.between(now, g.endsAt()) : "",
        g.approvals().stream().map(DecisionView::by).collect(Collectors.joining(", ")),
        g.endedBy() == null
            ? ""
            : g.endedBy() + (g.endReason() == null ? "" : ": " + g.endReason()));
  }
}
