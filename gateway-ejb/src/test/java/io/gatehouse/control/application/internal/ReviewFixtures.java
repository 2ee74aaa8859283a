package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.DataPlaneSessions;
import io.gatehouse.control.application.GrantExpiry;
import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionSettings;
import io.gatehouse.control.domain.model.connection.ConnectionType;
import io.gatehouse.control.domain.model.connection.Credential;
import io.gatehouse.control.domain.model.connection.SecretKind;
import io.gatehouse.control.domain.model.connection.Target;
import io.gatehouse.control.domain.model.connection.TlsSettings;
import io.gatehouse.control.domain.model.grant.Grant;
import io.gatehouse.control.domain.model.grant.GrantRepository;
import io.gatehouse.control.domain.model.grant.GrantStatus;
import io.gatehouse.control.domain.model.notification.Notification;
import io.gatehouse.control.domain.model.notification.NotificationRepository;
import io.gatehouse.control.domain.model.policy.PolicyRecord;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import io.gatehouse.control.domain.model.review.Review;
import io.gatehouse.control.domain.model.review.ReviewRepository;
import io.gatehouse.control.domain.model.review.ReviewStatus;
import io.gatehouse.control.infrastructure.crypto.CredentialCipher;
import io.gatehouse.control.infrastructure.crypto.KeyRing;
import io.gatehouse.policy.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** In-memory stores and fakes for the grant and review services. */
final class ReviewFixtures {

  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private ReviewFixtures() {}

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = NOW;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static InMemoryConnections connections() {
    CredentialCipher cipher =
        new CredentialCipher(KeyRing.of("k1", DefaultCredentialKeyServiceTest.randomKey(), ""));
    InMemoryConnections repo = new InMemoryConnections();
    repo.store(connection("orders", "two-reviewers", cipher));
    repo.store(connection("plain", null, cipher));
    return repo;
  }

  static Connection connection(String name, String policy, CredentialCipher cipher) {
    byte[] secret = "pw".getBytes(StandardCharsets.UTF_8);
    return new Connection(
        name,
        new ConnectionSettings(
            ConnectionType.POSTGRES,
            Target.postgres("h", 5432, "db"),
            TlsSettings.verifyFull(),
            null,
            Set.of("dba"),
            policy),
        new Credential(
            "u", SecretKind.PASSWORD, cipher.seal(secret, name, SecretKind.PASSWORD), null),
        NOW);
  }

  static PolicyRepository policies() {
    PolicyRecord twoReviewers =
        new PolicyRecord(
            PolicyParser.parse(
                "{\"name\":\"two-reviewers\",\"review\":{\"approverGroups\":[\"leads\"],"
                    + "\"minApprovals\":2,\"timeoutSeconds\":30,\"approvalWindowSeconds\":300},"
                    + "\"notifications\":{\"webhookUrl\":\"https://hooks.example.com/T/B\","
                    + "\"events\":[\"grant.requested\",\"grant.approved\",\"grant.revoked\","
                    + "\"grant.expired\",\"review.requested\",\"review.approved\"]}}",
                "two-reviewers"),
            NOW);
    return new PolicyRepository() {
      @Override
      public Optional<PolicyRecord> find(String name) {
        return name.equals("two-reviewers") ? Optional.of(twoReviewers) : Optional.empty();
      }

      @Override
      public List<PolicyRecord> findAll() {
        return List.of(twoReviewers);
      }

      @Override
      public void store(PolicyRecord policy) {}

      @Override
      public void remove(PolicyRecord policy) {}
    };
  }

  /** A notifier writing to {@code outbox}, on the fixtures' connections and policies. */
  static Notifier notifier(Outbox outbox, Clock clock) {
    Notifier notifier = new Notifier();
    notifier.connections = connections();
    notifier.policies = policies();
    notifier.outbox = outbox;
    notifier.clock = clock;
    return notifier;
  }

  static final class Outbox implements NotificationRepository {
    final List<Notification> all = new ArrayList<>();

    @Override
    public void store(Notification notification) {
      all.add(notification);
    }

    @Override
    public Optional<Notification> find(String id) {
      return all.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    @Override
    public List<String> due(Instant now, int limit) {
      return all.stream().filter(n -> n.claimable(now)).map(Notification::id).limit(limit).toList();
    }

    @Override
    public boolean claim(String id, Instant now, Instant until) {
      Optional<Notification> n = find(id).filter(x -> x.claimable(now));
      n.ifPresent(x -> x.claim(until));
      return n.isPresent();
    }

    @Override
    public List<Notification> recent(int limit) {
      return List.copyOf(all);
    }

    @Override
    public List<Notification> bySubject(String subjectId) {
      return all.stream().filter(n -> n.subjectId().equals(subjectId)).toList();
    }

    List<String> events() {
      return all.stream().map(Notification::event).toList();
    }
  }

  static final class Grants implements GrantRepository {
    final List<Grant> all = new ArrayList<>();

    @Override
    public Optional<Grant> find(String id) {
      return all.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    @Override
    public List<Grant> findActiveFor(String identity, String connection) {
      return all.stream()
          .filter(g -> g.identity().equals(identity) && g.connectionName().equals(connection))
          .filter(g -> g.status() == GrantStatus.ACTIVE)
          .toList();
    }

    @Override
    public List<Grant> findByStatus(GrantStatus status) {
      return all.stream().filter(g -> g.status() == status).toList();
    }

    @Override
    public List<Grant> findAll() {
      return List.copyOf(all);
    }

    @Override
    public List<Grant> findByIdentity(String identity) {
      return all.stream().filter(g -> g.identity().equals(identity)).toList();
    }

    @Override
    public void store(Grant grant) {
      if (!all.contains(grant)) {
        all.add(grant);
      }
    }
  }

  static final class Reviews implements ReviewRepository {
    final List<Review> all = new ArrayList<>();

    @Override
    public Optional<Review> find(String id) {
      return all.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public List<Review> findByStatus(ReviewStatus status) {
      return all.stream().filter(r -> r.status() == status).toList();
    }

    @Override
    public List<Review> findApproved(String requester, String connection, String subject) {
      String hash = Review.subjectHash(subject);
      return all.stream()
          .filter(r -> r.requester().equals(requester) && r.connectionName().equals(connection))
          .filter(r -> Review.subjectHash(r.subject()).equals(hash))
          .filter(r -> r.status() == ReviewStatus.APPROVED)
          .toList();
    }

    @Override
    public void store(Review review) {
      if (!all.contains(review)) {
        all.add(review);
      }
    }
  }

  /** Records timers armed and sessions ended. */
  static final class DataPlane implements DataPlaneSessions, GrantExpiry {
    final List<String> events = new ArrayList<>();

    @Override
    public boolean terminate(String sessionId, String reason) {
      events.add("terminate " + sessionId + ": " + reason);
      return true;
    }

    @Override
    public int terminateGrant(String grantId, String reason) {
      events.add("terminate grant " + grantId + ": " + reason);
      return 1;
    }

    @Override
    public int warnGrant(String grantId, String message) {
      events.add("warn grant " + grantId + ": " + message);
      return 1;
    }

    @Override
    public void scheduleWarning(String grantId, Instant at) {
      events.add("warning " + grantId + " at " + at);
    }

    @Override
    public void schedule(String grantId, Instant end) {
      events.add("timer " + grantId + " at " + end);
    }

    @Override
    public void cancel(String grantId) {
      events.add("cancel " + grantId);
    }
  }
}
