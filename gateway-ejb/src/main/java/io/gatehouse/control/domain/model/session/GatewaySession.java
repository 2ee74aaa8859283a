package io.gatehouse.control.domain.model.session;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** One identity's use of one connection, from connect to disconnect. */
@Entity
@Table(name = "gh_session")
@NamedQuery(
    name = "GatewaySession.findActive",
    query = "SELECT s FROM GatewaySession s WHERE s.status = :status ORDER BY s.startedAt")
@NamedQuery(
    name = "GatewaySession.findActiveByKey",
    query =
        "SELECT s FROM GatewaySession s WHERE s.keyFingerprint = :fingerprint"
            + " AND s.status = :status")
public class GatewaySession {

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "identity_name", length = 256, nullable = false)
  private String identity;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "gh_session_group", joinColumns = @JoinColumn(name = "session_id"))
  @Column(name = "group_name", length = 256, nullable = false)
  private Set<String> groups = new TreeSet<>();

  @Column(name = "connection_name", length = 63, nullable = false)
  private String connectionName;

  @Enumerated(EnumType.STRING)
  @Column(name = "protocol", length = 16, nullable = false)
  private Protocol protocol;

  @Column(name = "client_address", length = 64)
  private String clientAddress;

  /** The registered public key that logged the session in; null for a token login. */
  @Column(name = "key_fingerprint", length = 64)
  private String keyFingerprint;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 16, nullable = false)
  private SessionStatus status;

  @Column(name = "statement_count", nullable = false)
  private long statementCount;

  @Column(name = "blocked_count", nullable = false)
  private long blockedCount;

  @Column(name = "reviewed_count", nullable = false)
  private long reviewedCount;

  @Column(name = "end_reason", length = 500)
  private String endReason;

  @Embedded private SessionSeal seal;

  /**
   * Why someone asked for this session to end, kept so that the server holding it ends it even when
   * the cross-server message was lost (see {@code TerminationReconciler}).
   */
  @Column(name = "termination_requested", length = 500)
  private String terminationRequested;

  /**
   * The highest event number stored for this session and how many events are stored, kept by the
   * event writer under the session's row lock, so neither storing nor sealing has to read the
   * session's events back. Null in rows from before they were kept: then the events are counted.
   */
  @Column(name = "last_event_seq")
  private Long lastEventSequence;

  @Column(name = "event_count")
  private Long eventCount;

  protected GatewaySession() {}

  public GatewaySession(
      String identity,
      Collection<String> groups,
      String connectionName,
      Protocol protocol,
      String clientAddress,
      Instant startedAt) {
    this.id = UUID.randomUUID().toString();
    this.identity = requireText(identity, "identity");
    this.groups = new TreeSet<>(groups);
    this.connectionName = requireText(connectionName, "connection");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.clientAddress = clientAddress;
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.status = SessionStatus.ACTIVE;
    this.lastEventSequence = 0L;
    this.eventCount = 0L;
  }

  /**
   * Notes that a registered public key (its OpenSSH SHA256 fingerprint) logged this session in, so
   * that deleting the key ends it.
   */
  public void admittedByKey(String fingerprint) {
    requireActive();
    if (keyFingerprint != null) {
      throw new IllegalStateException("session " + id + " was admitted by key " + keyFingerprint);
    }
    this.keyFingerprint = requireText(fingerprint, "key fingerprint");
  }

  /** The highest stored event number, when this row keeps it (0: none stored yet). */
  public OptionalLong storedUpTo() {
    return lastEventSequence == null ? OptionalLong.empty() : OptionalLong.of(lastEventSequence);
  }

  /** How many events are stored, when this row keeps it. */
  public OptionalLong storedEvents() {
    return eventCount == null ? OptionalLong.empty() : OptionalLong.of(eventCount);
  }

  /** Notes {@code added} newly stored events, the highest numbered {@code upTo}. */
  public void eventsStored(long upTo, int added) {
    if (lastEventSequence != null && eventCount != null) {
      lastEventSequence = Math.max(lastEventSequence, upTo);
      eventCount += added;
    }
  }

  /** Counts one decision on a statement, command or request. */
  public void count(boolean blocked, boolean reviewed) {
    requireActive();
    statementCount++;
    blockedCount += blocked ? 1 : 0;
    reviewedCount += reviewed ? 1 : 0;
  }

  public void end(SessionStatus how, String reason, Instant at) {
    requireActive();
    if (how == SessionStatus.ACTIVE) {
      throw new IllegalArgumentException("a session cannot end as ACTIVE");
    }
    if (at.isBefore(startedAt)) {
      throw new IllegalArgumentException("a session cannot end before it started");
    }
    this.status = how;
    this.endReason = reason;
    // Microseconds: the end time is signed by the seal, so it must come back from any store intact.
    this.endedAt = at.truncatedTo(ChronoUnit.MICROS);
  }

  /** Asks for this running session to end: the server holding it acts on it. */
  public void requestTermination(String reason) {
    requireActive();
    String text = requireText(reason, "termination reason");
    this.terminationRequested = text.length() > 500 ? text.substring(0, 500) : text;
  }

  /** The reason of a termination asked for and not yet carried out, if any. */
  public Optional<String> terminationRequested() {
    return status == SessionStatus.ACTIVE
        ? Optional.ofNullable(terminationRequested)
        : Optional.empty();
  }

  /** Seals the ended session's recording, once. */
  public void seal(SessionSeal seal) {
    if (status == SessionStatus.ACTIVE) {
      throw new IllegalStateException("session " + id + " is still active: it cannot be sealed");
    }
    if (seal().isPresent()) {
      throw new IllegalStateException("session " + id + " is already sealed");
    }
    this.seal = Objects.requireNonNull(seal, "seal");
  }

  /** The seal over the recording, once the session has ended and all its events are stored. */
  public Optional<SessionSeal> seal() {
    return Optional.ofNullable(seal).filter(SessionSeal::present);
  }

  /** The data plane's final counts, which also cover events still on their way to the store. */
  public void settle(long statements, long blocked) {
    this.statementCount = Math.max(statementCount, statements);
    this.blockedCount = Math.max(blockedCount, blocked);
  }

  private void requireActive() {
    if (status != SessionStatus.ACTIVE) {
      throw new IllegalStateException("session " + id + " has ended (" + status + ")");
    }
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
    return value;
  }

  public String id() {
    return id;
  }

  public String identity() {
    return identity;
  }

  public Set<String> groups() {
    return Set.copyOf(groups);
  }

  public String connectionName() {
    return connectionName;
  }

  public Protocol protocol() {
    return protocol;
  }

  public String clientAddress() {
    return clientAddress;
  }

  /** The fingerprint of the public key that logged the session in, if a key did. */
  public Optional<String> keyFingerprint() {
    return Optional.ofNullable(keyFingerprint);
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant endedAt() {
    return endedAt;
  }

  public SessionStatus status() {
    return status;
  }

  public long statementCount() {
    return statementCount;
  }

  public long blockedCount() {
    return blockedCount;
  }

  public long reviewedCount() {
    return reviewedCount;
  }

  public String endReason() {
    return endReason;
  }
}
