package io.gatehouse.control.domain.model.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One webhook post in the outbox. Written with the decision it reports, so it exists exactly when
 * the decision does; claimed by one sender at a time for a short lease; posted at least once.
 */
@Entity
@Table(name = "gh_notification")
@NamedQuery(
    name = "Notification.pending",
    query = "SELECT n FROM Notification n WHERE n.status = :pending ORDER BY n.nextAttemptAt")
@NamedQuery(
    name = "Notification.recent",
    query = "SELECT n FROM Notification n ORDER BY n.createdAt DESC")
@NamedQuery(
    name = "Notification.bySubject",
    query = "SELECT n FROM Notification n WHERE n.subjectId = :subject ORDER BY n.createdAt")
public class Notification {

  /** The longest last-error text kept. */
  static final int MAX_ERROR = 1000;

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "event", length = 32, nullable = false)
  private String event;

  @Column(name = "subject_id", length = 36, nullable = false)
  private String subjectId;

  @Column(name = "webhook_url", length = 2000, nullable = false)
  private String webhookUrl;

  @Lob
  @Column(name = "payload", nullable = false)
  private String payload;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 16, nullable = false)
  private NotificationStatus status;

  @Column(name = "attempts", nullable = false)
  private int attempts;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "claimed_until")
  private Instant claimedUntil;

  @Column(name = "sent_at")
  private Instant sentAt;

  @Column(name = "last_error", length = MAX_ERROR)
  private String lastError;

  @jakarta.persistence.Version
  @Column(name = "row_version")
  private long version;

  protected Notification() {}

  public Notification(
      String event, String subjectId, String webhookUrl, String payload, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.event = Objects.requireNonNull(event, "event");
    this.subjectId = Objects.requireNonNull(subjectId, "subjectId");
    this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
    this.payload = Objects.requireNonNull(payload, "payload");
    this.status = NotificationStatus.PENDING;
    this.createdAt = Objects.requireNonNull(now, "now");
    this.nextAttemptAt = now;
  }

  /** Whether a sender may take the row at {@code now}: pending, due, and not held by another. */
  public boolean claimable(Instant now) {
    return status == NotificationStatus.PENDING
        && !nextAttemptAt.isAfter(now)
        && (claimedUntil == null || claimedUntil.isBefore(now));
  }

  /** Holds the row for one sender until {@code until}. */
  public void claim(Instant until) {
    claimedUntil = until;
  }

  /** Frees a claimed row without counting a try; it is due again at {@code next}. */
  public void postpone(Instant next) {
    claimedUntil = null;
    nextAttemptAt = next;
  }

  /** The post went through. */
  public void sent(Instant now) {
    attempts++;
    status = NotificationStatus.SENT;
    sentAt = now;
    claimedUntil = null;
    lastError = null;
  }

  /**
   * The post failed; the next try waits {@code backoff} doubled per earlier failure (at most {@code
   * maxBackoff}), and after {@code maxAttempts} tries the row is given up.
   */
  public void failed(
      String error, Instant now, Duration backoff, Duration maxBackoff, int maxAttempts) {
    attempts++;
    claimedUntil = null;
    lastError = error == null ? "" : error.substring(0, Math.min(error.length(), MAX_ERROR));
    if (attempts >= maxAttempts) {
      status = NotificationStatus.FAILED;
      return;
    }
    Duration wait = backoff.multipliedBy(1L << Math.min(attempts - 1, 20));
    nextAttemptAt = now.plus(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait);
  }

  public String id() {
    return id;
  }

  public String event() {
    return event;
  }

  public String subjectId() {
    return subjectId;
  }

  public String webhookUrl() {
    return webhookUrl;
  }

  public String payload() {
    return payload;
  }

  public NotificationStatus status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  public Instant sentAt() {
    return sentAt;
  }

  public String lastError() {
    return lastError;
  }
}
