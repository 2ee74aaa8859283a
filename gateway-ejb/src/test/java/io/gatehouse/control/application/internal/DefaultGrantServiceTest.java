package io.gatehouse.control.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.GrantView;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.domain.model.notification.Notification;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultGrantServiceTest {

  static final Caller ALICE = new Caller("alice", Set.of("dev", "gatehouse-reviewer", "leads"));
  static final Caller BOB = new Caller("bob", Set.of("gatehouse-reviewer"));
  static final Caller CAROL = new Caller("carol", Set.of("leads"));
  static final Caller DAN = new Caller("dan", Set.of("leads"));

  final ReviewFixtures.TestClock clock = new ReviewFixtures.TestClock();
  final ReviewFixtures.Outbox outbox = new ReviewFixtures.Outbox();
  final ReviewFixtures.DataPlane dataPlane = new ReviewFixtures.DataPlane();
  final ReviewFixtures.Grants grants = new ReviewFixtures.Grants();
  DefaultGrantService service;

  @BeforeEach
  void setUp() {
    service = new DefaultGrantService();
    service.grants = grants;
    service.connections = ReviewFixtures.connections();
    service.policies = ReviewFixtures.policies();
    service.expiry = dataPlane;
    service.dataPlane = dataPlane;
    service.minSeconds = 60;
    service.warningSeconds = 300;
    service.warningFraction = 0.2;
    service.clock = clock;
    service.notifier = ReviewFixtures.notifier(outbox, clock);
  }

  @Test
  void theRequesterNeverApprovesEvenAsAReviewer() {
    GrantView grant = service.request(ALICE, "plain", 3600, "INC-1");
    assertThrows(
        ActionForbiddenException.class,
        () -> service.approve(ALICE, grant.id(), "mine"),
        "self-approval");
    GrantView approved = service.approve(BOB, grant.id(), "on call");
    assertEquals("active", approved.status(), "one approval is the default");
    assertEquals("on call", approved.approvals().get(0).reason(), "why is recorded");
    assertEquals(ReviewFixtures.NOW.plusSeconds(3600), approved.endsAt(), "runs for its duration");
    assertTrue(
        dataPlane.events.contains("timer " + grant.id() + " at " + approved.endsAt()),
        "a timer is armed for the end: " + dataPlane.events);
  }

  @Test
  void minApprovalsAndApproverGroupsComeFromThePolicy() {
    GrantView grant = service.request(ALICE, "orders", 600, "INC-2");
    assertEquals(2, grant.minApprovals(), "policy asks for two");
    assertThrows(
        ActionForbiddenException.class,
        () -> service.approve(BOB, grant.id(), "ok"),
        "gatehouse-reviewer is not an approver group of this policy");
    assertEquals("pending", service.approve(CAROL, grant.id(), "ok").status(), "one of two");
    assertThrows(
        ResourceConflictException.class,
        () -> service.approve(CAROL, grant.id(), "again"),
        "the same approver counts once");
    clock.now = clock.now.plusSeconds(30);
    GrantView active = service.approve(DAN, grant.id(), "ok");
    assertEquals("active", active.status(), "two of two");
    assertEquals(clock.now, active.startsAt(), "window opens at the last approval");
    assertThrows(
        ResourceConflictException.class,
        () -> service.approve(new Caller("erin", Set.of("leads")), grant.id(), "late"),
        "an active grant takes no more approvals");
  }

  @Test
  void decisionsAreQueuedForThePolicysWebhookOnlyForItsEvents() {
    GrantView plain = service.request(ALICE, "plain", 600, "no policy");
    service.approve(BOB, plain.id(), "ok");
    assertEquals(List.of(), outbox.events(), "a connection without a policy notifies nobody");

    GrantView grant = service.request(ALICE, "orders", 600, "INC-7 <urgent> & more");
    service.approve(CAROL, grant.id(), "first");
    assertEquals(List.of("grant.requested"), outbox.events(), "a partial approval sends nothing");
    service.approve(DAN, grant.id(), "second");
    GrantView rejected = service.request(ALICE, "orders", 600, "again");
    service.reject(CAROL, rejected.id(), "no");
    service.revoke(CAROL, grant.id(), "done");
    assertEquals(
        List.of("grant.requested", "grant.approved", "grant.requested", "grant.revoked"),
        outbox.events(),
        "grant.rejected is not among the policy's events");

    Notification requested = outbox.all.get(0);
    assertEquals("https://hooks.example.com/T/B", requested.webhookUrl(), "the policy's URL");
    assertEquals(grant.id(), requested.subjectId(), "about the grant");
    JsonObject json = Json.createReader(new StringReader(requested.payload())).readObject();
    assertEquals(
        "Gatehouse: alice requests 600 s on orders (grant "
            + grant.id()
            + "): INC-7 &lt;urgent&gt; &amp; more",
        json.getString("text"),
        "Slack text, markup escaped");
    assertEquals("grant.requested", json.getString("event"), "event");
    assertEquals("two-reviewers", json.getString("policy"), "policy");
    assertEquals("INC-7 <urgent> & more", json.getString("requestReason"), "raw reason");
    JsonObject approved =
        Json.createReader(new StringReader(outbox.all.get(1).payload())).readObject();
    assertEquals("dan", approved.getString("actor"), "who made it active");
    assertEquals(2, approved.getInt("approvals"), "both approvals");
    assertEquals(clock.now.plusSeconds(600).toString(), approved.getString("endsAt"), "end");
  }

  @Test
  void sessionsAreWarnedBeforeTheEndAndTheApiShowsIt() {
    GrantView hour = service.request(ALICE, "plain", 3600, "long");
    GrantView active = service.approve(BOB, hour.id(), "ok");
    Instant end = ReviewFixtures.NOW.plusSeconds(3600);
    assertTrue(
        dataPlane.events.contains("warning " + hour.id() + " at " + end.minusSeconds(300)),
        "an hour's grant is warned 5 minutes ahead: " + dataPlane.events);
    assertEquals(end, active.expiresAt(), "expiresAt");
    assertEquals(3600L, active.secondsLeft(), "secondsLeft");
    assertFalse(active.expiringSoon(), "not soon at the start");

    GrantView tenMinutes = service.request(ALICE, "plain", 600, "short");
    service.approve(BOB, tenMinutes.id(), "ok");
    assertTrue(
        dataPlane.events.contains(
            "warning " + tenMinutes.id() + " at " + ReviewFixtures.NOW.plusSeconds(480)),
        "a 10-minute grant is warned at 80% (fraction 0.2): " + dataPlane.events);

    clock.now = end.minusSeconds(299);
    GrantView soon = service.get(ALICE, hour.id());
    assertTrue(soon.expiringSoon(), "inside the lead");
    assertEquals(299L, soon.secondsLeft(), "secondsLeft counts down");
    service.warn(hour.id());
    assertTrue(
        dataPlane.events.contains(
            "warn grant "
                + hour.id()
                + ": access grant "
                + hour.id()
                + " on plain expires at 2026-03-01 11:00:00 UTC (in 5 minutes);"
                + " ask for a new grant to keep working"),
        "the live sessions are told: " + dataPlane.events);

    clock.now = end;
    service.expire(hour.id());
    int before = dataPlane.events.size();
    service.warn(hour.id());
    assertEquals(before, dataPlane.events.size(), "a late warning for an ended grant says nothing");
    GrantView expired = service.get(ALICE, hour.id());
    assertEquals(null, expired.expiresAt(), "no expiresAt once over");
    assertFalse(expired.expiringSoon(), "not soon once over");
  }

  @Test
  void reasonsAndDurationsAreChecked() {
    assertThrows(
        InvalidRequestException.class,
        () -> service.request(ALICE, "plain", 3600, " "),
        "reason required");
    assertThrows(
        InvalidRequestException.class,
        () -> service.request(ALICE, "plain", 59, "short"),
        "below the configured minimum");
    assertThrows(
        InvalidRequestException.class,
        () -> service.request(ALICE, "plain", 86401, "long"),
        "above a day");
    assertThrows(
        InvalidRequestException.class,
        () -> service.request(ALICE, "nope", 600, "x"),
        "unknown connection");
    GrantView grant = service.request(ALICE, "plain", 600, "x");
    assertThrows(
        InvalidRequestException.class, () -> service.approve(BOB, grant.id(), ""), "reason");
  }

  @Test
  void expiryAndRevocationEndTheSessions() {
    GrantView first = service.request(ALICE, "plain", 600, "x");
    service.approve(BOB, first.id(), "ok");
    clock.now = clock.now.plusSeconds(599);
    service.expire(first.id());
    assertEquals("active", service.get(BOB, first.id()).status(), "a timer that fired early");
    clock.now = clock.now.plusSeconds(1);
    service.expire(first.id());
    assertEquals("expired", service.get(BOB, first.id()).status(), "expired at its end");
    assertTrue(
        dataPlane.events.contains(
            "terminate grant " + first.id() + ": grant " + first.id() + " has expired"),
        "sessions ended: " + dataPlane.events);

    GrantView second = service.request(ALICE, "plain", 600, "y");
    service.approve(BOB, second.id(), "ok");
    assertThrows(
        ActionForbiddenException.class,
        () -> service.revoke(new Caller("mallory", Set.of("dev")), second.id(), "no"),
        "outsiders cannot revoke");
    GrantView revoked = service.revoke(BOB, second.id(), "incident closed");
    assertEquals("revoked", revoked.status(), "revoked");
    assertEquals("incident closed", revoked.endReason(), "why is recorded");
    assertTrue(dataPlane.events.contains("cancel " + second.id()), "timer cancelled");
  }

  @Test
  void othersGrantsAreHiddenFromPlainCallers() {
    GrantView grant = service.request(ALICE, "plain", 600, "x");
    Caller mallory = new Caller("mallory", Set.of("dev"));
    assertThrows(
        ResourceNotFoundException.class, () -> service.get(mallory, grant.id()), "not yours");
    assertEquals(0, service.list(mallory).size(), "none listed");
    assertEquals(1, service.list(BOB).size(), "reviewers see all");
  }
}
