package io.gatehouse.control.domain.model.review;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A statement, command or request held by a rule until reviewers decide. */
@Entity
@Table(name = "gh_review")
@NamedQuery(
    name = "Review.findApprovedSubject",
    query =
        "SELECT r FROM Review r WHERE r.requester = :requester AND r.connectionName = :connection"
            + " AND r.subjectHash = :subjectHash AND r.status = :status")
@NamedQuery(
    name = "Review.findByStatus",
    query = "SELECT r FROM Review r WHERE r.status = :status ORDER BY r.requestedAt")
public class Review {

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "session_id", length = 36, nullable = false)
  private String sessionId;

  @Column(name = "requester", length = 256, nullable = false)
  private String requester;

  @Column(name = "connection_name", length = 63, nullable = false)
  private String connectionName;

  @Column(name = "rule_id", length = 63, nullable = false)
  private String ruleId;

  /** What is held, as the client sent it (statement text, command line, method and path). */
  @Lob
  @Column(name = "subject", nullable = false)
  private String subject;

  /** SHA-256 of the subject: an approval covers exactly this text, found by an indexable key. */
  @Column(name = "subject_hash", length = 64)
  private String subjectHash;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "gh_review_approver_group", joinColumns = @JoinColumn(name = "review_id"))
  @Column(name = "group_name", length = 256)
  private Set<String> approverGroups = new TreeSet<>();

  @Column(name = "min_approvals", nullable = false)
  private int minApprovals;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "gh_review_approval", joinColumns = @JoinColumn(name = "review_id"))
  @OrderColumn(name = "position")
  private List<Approval> approvals = new ArrayList<>();

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 16, nullable = false)
  private ReviewStatus status;

  @Column(name = "requested_at", nullable = false)
  private Instant requestedAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "decided_by", length = 256)
  private String decidedBy;

  @Column(name = "decision_comment", length = 1000)
  private String decisionComment;

  // Every approval changes a basic column, so the row version moves and two concurrent approvals
  // cannot both commit against the same count.
  @Column(name = "approval_count")
  private int approvalCount;

  @Version
  @Column(name = "row_version")
  private long version;

  protected Review() {}

  public Review(ReviewRequest request, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.sessionId = request.sessionId();
    this.requester = request.requester();
    this.connectionName = request.connectionName();
    this.ruleId = request.ruleId();
    this.subject = request.subject();
    this.subjectHash = subjectHash(request.subject());
    this.approverGroups = new TreeSet<>(request.approverGroups());
    this.minApprovals = request.minApprovals();
    this.status = ReviewStatus.PENDING;
    this.requestedAt = Objects.requireNonNull(now, "now");
    this.expiresAt = now.plus(request.timeout());
  }

  /** Records an approval; enough of them approve the review. */
  public void approve(
      String approver, Collection<String> approverGroups, String comment, Instant now) {
    requirePending(now);
    Approvals.check(requester, approver, approverGroups, this.approverGroups, approvals);
    approvals.add(new Approval(approver, now, comment));
    approvalCount = approvals.size();
    if (approvals.size() >= minApprovals) {
      decide(ReviewStatus.APPROVED, approver, now);
      decisionComment = comment;
    }
  }

  /** One rejection is enough. The requester may withdraw their own request this way too. */
  public void reject(String reviewer, Collection<String> reviewerGroups, Instant now) {
    reject(reviewer, reviewerGroups, null, now);
  }

  /** Rejects with a reason. */
  public void reject(
      String reviewer, Collection<String> reviewerGroups, String comment, Instant now) {
    requirePending(now);
    decisionComment = comment;
    boolean withdrawing = reviewer.equals(requester);
    if (!withdrawing && reviewerGroups.stream().noneMatch(approverGroups::contains)) {
      throw new IllegalStateException(reviewer + " is not in an approver group " + approverGroups);
    }
    decide(ReviewStatus.REJECTED, reviewer, now);
  }

  /** Expires the review if its time is up; true if it did. */
  public boolean expireIfDue(Instant now) {
    if (status == ReviewStatus.PENDING && !now.isBefore(expiresAt)) {
      decide(ReviewStatus.EXPIRED, null, now);
      return true;
    }
    return false;
  }

  private void requirePending(Instant now) {
    expireIfDue(now);
    if (status != ReviewStatus.PENDING) {
      throw new IllegalStateException("review " + id + " is " + status);
    }
  }

  private void decide(ReviewStatus outcome, String by, Instant now) {
    this.status = outcome;
    this.decidedBy = by;
    this.decidedAt = now;
  }

  /** Whether this approved review still lets {@code subject} run at {@code now}. */
  public boolean coversAt(String subject, Instant now, java.time.Duration window) {
    return status == ReviewStatus.APPROVED
        && this.subject.equals(subject)
        && !now.isAfter(decidedAt.plus(window));
  }

  /** The key approvals are found by: SHA-256 of the exact text, hex. */
  public static String subjectHash(String subject) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  public String id() {
    return id;
  }

  public String sessionId() {
    return sessionId;
  }

  public String requester() {
    return requester;
  }

  public String connectionName() {
    return connectionName;
  }

  public String ruleId() {
    return ruleId;
  }

  public String subject() {
    return subject;
  }

  public ReviewStatus status() {
    return status;
  }

  public List<Approval> approvals() {
    return List.copyOf(approvals);
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant decidedAt() {
    return decidedAt;
  }

  public String decidedBy() {
    return decidedBy;
  }

  public String decisionComment() {
    return decisionComment;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public int minApprovals() {
    return minApprovals;
  }

  public Set<String> approverGroups() {
    return Set.copyOf(approverGroups);
  }
}
