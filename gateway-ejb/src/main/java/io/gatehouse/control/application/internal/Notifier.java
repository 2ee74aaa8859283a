package io.gatehouse.control.application.internal;

import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import io.gatehouse.control.domain.model.grant.Grant;
import io.gatehouse.control.domain.model.notification.Notification;
import io.gatehouse.control.domain.model.notification.NotificationQueued;
import io.gatehouse.control.domain.model.notification.NotificationRepository;
import io.gatehouse.control.domain.model.policy.PolicyRecord;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import io.gatehouse.control.domain.model.review.Review;
import io.gatehouse.policy.NotificationSettings;
import io.gatehouse.policy.NotificationSettings.Event;
import io.gatehouse.policy.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Writes a webhook notification to the outbox when a review or grant is requested or decided, in
 * the caller's transaction: the row exists exactly when the decision does. It is posted once that
 * transaction commits ({@link NotificationQueued}, observed after success) and, failing that, by
 * the outbox sweeper; nothing here waits on the network.
 */
@ApplicationScoped
public class Notifier {

  private static final Logger LOG = Logger.getLogger(Notifier.class.getName());

  /** Review subjects are cut to this many characters in the readable text. */
  static final int SUBJECT_IN_TEXT = 300;

  @Inject ConnectionRepository connections;
  @Inject PolicyRepository policies;
  @Inject NotificationRepository outbox;
  @Inject jakarta.enterprise.event.Event<NotificationQueued> queued;
  Clock clock = Clock.systemUTC();

  /** A review was opened, approved (the last approval needed) or rejected. */
  public void review(Event event, Review review, String actor, String reason) {
    Optional<Target> target = target(review.connectionName(), event);
    if (target.isEmpty()) {
      return;
    }
    String text =
        switch (event) {
          case REVIEW_REQUESTED ->
              "review "
                  + review.id()
                  + " requested by "
                  + review.requester()
                  + " on "
                  + review.connectionName()
                  + " (rule "
                  + review.ruleId()
                  + "): "
                  + cut(review.subject());
          default ->
              decided(
                  "review " + review.id(),
                  review.requester() + " on " + review.connectionName(),
                  event,
                  actor,
                  reason);
        };
    JsonObjectBuilder json = base(event, "review", review.id(), target.get(), text);
    json.add("connection", review.connectionName())
        .add("requester", review.requester())
        .add("rule", review.ruleId())
        .add("subject", review.subject())
        .add("status", review.status().name().toLowerCase(Locale.ROOT))
        .add("approvals", review.approvals().size())
        .add("minApprovals", review.minApprovals())
        .add("expiresAt", review.expiresAt().toString());
    optional(json, "actor", actor);
    optional(json, "reason", reason);
    write(event, review.id(), target.get(), json);
  }

  /** A grant was requested, approved (it became active), rejected, revoked or expired. */
  public void grant(Event event, Grant grant, String actor, String reason) {
    Optional<Target> target = target(grant.connectionName(), event);
    if (target.isEmpty()) {
      return;
    }
    String who = grant.identity() + " on " + grant.connectionName();
    String text =
        switch (event) {
          case GRANT_REQUESTED ->
              grant.identity()
                  + " requests "
                  + grant.requestedDuration().toSeconds()
                  + " s on "
                  + grant.connectionName()
                  + " (grant "
                  + grant.id()
                  + "): "
                  + grant.reason();
          case GRANT_EXPIRED -> "grant " + grant.id() + " for " + who + " has expired";
          case GRANT_APPROVED ->
              "grant "
                  + grant.id()
                  + " for "
                  + who
                  + " approved by "
                  + actor
                  + ", active until "
                  + grant.windowEnd()
                  + ": "
                  + reason;
          default -> decided("grant " + grant.id(), who, event, actor, reason);
        };
    JsonObjectBuilder json = base(event, "grant", grant.id(), target.get(), text);
    json.add("connection", grant.connectionName())
        .add("requester", grant.identity())
        .add("requestReason", grant.reason())
        .add("durationSeconds", grant.requestedDuration().toSeconds())
        .add("status", grant.status().name().toLowerCase(Locale.ROOT))
        .add("approvals", grant.approvals().size())
        .add("minApprovals", grant.minApprovals());
    optional(json, "actor", actor);
    optional(json, "reason", reason);
    if (grant.windowStart() != null) {
      json.add("startsAt", grant.windowStart().toString());
    }
    if (grant.windowEnd() != null) {
      json.add("endsAt", grant.windowEnd().toString());
    }
    write(event, grant.id(), target.get(), json);
  }

  private record Target(String policy, NotificationSettings settings) {}

  private Optional<Target> target(String connectionName, Event event) {
    return connections
        .find(connectionName)
        .map(Connection::policyName)
        .flatMap(policies::find)
        .map(PolicyRecord::policy)
        .filter(p -> p.notifications().map(n -> n.sends(event)).orElse(false))
        .map(p -> new Target(p.name(), notifications(p)));
  }

  private static NotificationSettings notifications(Policy policy) {
    return policy.notifications().orElseThrow();
  }

  private JsonObjectBuilder base(Event event, String kind, String id, Target target, String text) {
    return Json.createObjectBuilder()
        .add("text", "Gatehouse: " + slackEscape(text))
        .add("event", event.policyName())
        .add("kind", kind)
        .add("id", id)
        .add("policy", target.policy())
        .add("at", clock.instant().toString());
  }

  private void write(Event event, String subjectId, Target target, JsonObjectBuilder json) {
    Instant now = clock.instant();
    Notification notification =
        new Notification(
            event.policyName(),
            subjectId,
            target.settings().webhookUrl().toString(),
            json.build().toString(),
            now);
    outbox.store(notification);
    if (queued != null) {
      queued.fire(new NotificationQueued(notification.id()));
    }
    LOG.fine(() -> "Notification " + notification.id() + " (" + event.policyName() + ") queued");
  }

  private static void optional(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }

  /** "grant 12 for alice on orders rejected by bob: why". */
  private static String decided(
      String what, String forWhom, Event event, String actor, String reason) {
    String name = event.policyName();
    String verb = name.substring(name.indexOf('.') + 1);
    return what + " for " + forWhom + " " + verb + " by " + actor + ": " + reason;
  }

  private static String cut(String subject) {
    return subject.length() <= SUBJECT_IN_TEXT
        ? subject
        : subject.substring(0, SUBJECT_IN_TEXT) + "...";
  }

  /** Slack reads {@code & < >} in {@code text} as markup; these are escaped, nothing else. */
  static String slackEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
