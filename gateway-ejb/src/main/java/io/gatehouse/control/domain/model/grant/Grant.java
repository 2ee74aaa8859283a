package io.gatehouse.control.domain.model.grant;

import io.gatehouse.control.domain.model.review.Approval;
import io.gatehouse.control.domain.model.review.Approvals;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Time-boxed access to one connection for one identity. */
@Entity
@Table(name = "gh_grant")
@NamedQuery(
    name = "Grant.findActiveFor",
    query =
        "SELECT g FROM Grant g WHERE g.identity = :identity AND g.connectionName = :connection"
            + " AND g.status = :status")
@NamedQuery(name = "Grant.findAll", query = "SELECT g FROM Grant g ORDER BY g.requestedAt DESC")
@NamedQuery(
    name = "Grant.findByIdentity",
    query = "SELECT g FROM Grant g WHERE g.identity = :identity ORDER BY g.requestedAt DESC")
@NamedQuery(
    name = "Grant.findByStatus",
    query = "SELECT g FROM Grant g WHERE g.status = :status ORDER BY g.requestedAt")
public class Grant {

  public static final Duration MAX_DURATION = Duration.ofHours(24);

  /**
   * The shortest grant the model accepts; the service sets its own, configurable floor above it
   * ({@code gatehouse.grant.min.seconds}).
   */
  public static final Duration MIN_DURATION = Duration.ofSeconds(1);

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "identity_name", length = 256, nullable = false)
  private String identity;

  @Column(name = "connection_name", length = 63, nullable = false)
  private String connectionName;

  @Column(name = "reason", length = 1000, nullable = false)
  private String reason;

  @Column(name = "requested_seconds", nullable = false)
  private long requestedSeconds;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 16, nullable = false)
  private GrantStatus status;

  @Column(name = "min_approvals", nullable = false)
  private int minApprovals;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "gh_grant_approval", joinColumns = @JoinColumn(name = "grant_id"))
  @OrderColumn(name = "position")
  private List<Approval> approvals = new ArrayList<>();

  @Column(name = "requested_at", nullable = false)
  private Instant requestedAt;

  @Column(name = "window_start")
  private Instant windowStart;

  @Column(name = "window_end")
  private Instant windowEnd;

  @Column(name = "ended_by", length = 256)
  private String endedBy;

  @Column(name = "end_reason", length = 1000)
  private String endReason;

  @Column(name = "ended_at")
  private Instant endedAt;

  // Every approval changes a basic column, so the row version moves and two concurrent approvals
  // cannot both commit against the same count.
  @Column(name = "approval_count")
  private int approvalCount;

  @Version
  @Column(name = "row_version")
  private long version;

  protected Grant() {}

  public Grant(
      String identity,
      String connectionName,
      String reason,
      Duration duration,
      int minApprovals,
      Instant now) {
    if (identity == null || identity.isBlank() || connectionName == null) {
      throw new IllegalArgumentException("a grant needs an identity and a connection");
    }
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw new IllegalArgumentException("a grant needs a reason of 1-1000 characters");
    }
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "a grant lasts between " + MIN_DURATION + " and " + MAX_DURATION);
    }
    if (minApprovals < 1 || minApprovals > 5) {
      throw new IllegalArgumentException("minApprovals must be 1-5");
    }
    this.id = UUID.randomUUID().toString();
    this.identity = identity;
    this.connectionName = connectionName;
    this.reason = reason;
    this.requestedSeconds = duration.toSeconds();
    this.minApprovals = minApprovals;
    this.status = GrantStatus.PENDING;
    this.requestedAt = Objects.requireNonNull(now, "now");
  }

  /** Records an approval; the last one needed opens the window from {@code now}. */
  public void approve(
      String approver, Collection<String> approverGroups, Collection<String> allowed, Instant now) {
    approve(approver, approverGroups, allowed, null, now);
  }

  /** Records an approval with its reason; the last one needed opens the window. */
  public void approve(
      String approver,
      Collection<String> approverGroups,
      Collection<String> allowed,
      String comment,
      Instant now) {
    requireStatus(GrantStatus.PENDING);
    Approvals.check(identity, approver, approverGroups, allowed, approvals);
    approvals.add(new Approval(approver, now, comment));
    approvalCount = approvals.size();
    if (approvals.size() >= minApprovals) {
      status = GrantStatus.ACTIVE;
      windowStart = now;
      windowEnd = now.plusSeconds(requestedSeconds);
    }
  }

  public void reject(String reviewer, Instant now) {
    reject(reviewer, null, now);
  }

  /** Rejects a pending grant; one rejection is enough. */
  public void reject(String reviewer, String why, Instant now) {
    requireStatus(GrantStatus.PENDING);
    status = GrantStatus.REJECTED;
    end(reviewer, why, now);
    windowEnd = now;
  }

  public void revoke(String by, Instant now) {
    revoke(by, null, now);
  }

  /** Ends an active grant before its time. */
  public void revoke(String by, String why, Instant now) {
    requireStatus(GrantStatus.ACTIVE);
    status = GrantStatus.REVOKED;
    end(by, why, now);
    windowEnd = now;
  }

  private void end(String by, String why, Instant now) {
    endedBy = by;
    endReason = why;
    endedAt = now;
  }

  /** Ends an active grant whose window is over; true if it did. */
  public boolean expireIfDue(Instant now) {
    if (status == GrantStatus.ACTIVE && !now.isBefore(windowEnd)) {
      status = GrantStatus.EXPIRED;
      endedAt = now;
      return true;
    }
    return false;
  }

  /** Whether the grant lets its identity in at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return status == GrantStatus.ACTIVE && !now.isBefore(windowStart) && now.isBefore(windowEnd);
  }

  private void requireStatus(GrantStatus expected) {
    if (status != expected) {
      throw new IllegalStateException("grant " + id + " is " + status + ", not " + expected);
    }
  }

  public String id() {
    return id;
  }

  public String identity() {
    return identity;
  }

  public String connectionName() {
    return connectionName;
  }

  public String reason() {
    return reason;
  }

  public Duration requestedDuration() {
    return Duration.ofSeconds(requestedSeconds);
  }

  public GrantStatus status() {
    return status;
  }

  public List<Approval> approvals() {
    return List.copyOf(approvals);
  }

  public Instant windowStart() {
    return windowStart;
  }

  public Instant windowEnd() {
    return windowEnd;
  }

  public int minApprovals() {
    return minApprovals;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public String endedBy() {
    return endedBy;
  }

  public String endReason() {
    return endReason;
  }

  public Instant endedAt() {
    return endedAt;
  }
}
