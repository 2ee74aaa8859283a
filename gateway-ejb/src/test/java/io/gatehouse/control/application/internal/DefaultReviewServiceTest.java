package io.gatehouse.control.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.connector.api.ReviewRequestInfo;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.ResourceConflictException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultReviewServiceTest {

  static final String DELETE_ONE = "DELETE FROM orders WHERE id = 1";
  static final String DELETE_TWO = "DELETE FROM orders WHERE id = 2";
  static final Caller BOB = new Caller("bob", Set.of("gatehouse-reviewer"));
  static final Caller ALICE = new Caller("alice", Set.of("dba", "gatehouse-reviewer"));

  final ReviewFixtures.TestClock clock = new ReviewFixtures.TestClock();
  final ReviewFixtures.Outbox outbox = new ReviewFixtures.Outbox();
  DefaultReviewService service;

  @BeforeEach
  void setUp() {
    service = new DefaultReviewService();
    service.reviews = new ReviewFixtures.Reviews();
    service.connections = ReviewFixtures.connections();
    service.policies = ReviewFixtures.policies();
    service.clock = clock;
    service.notifier = ReviewFixtures.notifier(outbox, clock);
  }

  ReviewTicket hold(String sql) {
    return service.hold(new ReviewRequestInfo("s1", "alice", "plain", sql, "review-deletes"));
  }

  @Test
  void anApprovalCoversExactlyThatStatementForTheWindow() {
    ReviewTicket first = hold(DELETE_ONE);
    assertEquals(ReviewTicket.State.PENDING, first.state(), "held");
    assertEquals(clock.now.plusSeconds(60), first.decideBy(), "default timeout");
    assertThrows(
        ActionForbiddenException.class,
        () -> service.approve(ALICE, first.reviewId(), "mine"),
        "the requester never approves, even as a reviewer");
    service.approve(BOB, first.reviewId(), "ok");
    assertEquals(ReviewTicket.State.APPROVED, service.status(first.reviewId()).state(), "approved");

    clock.now = clock.now.plusSeconds(299);
    ReviewTicket again = hold(DELETE_ONE);
    assertEquals(ReviewTicket.State.APPROVED, again.state(), "same text in the window runs");
    assertEquals(first.reviewId(), again.reviewId(), "under the same approval");

    ReviewTicket other = hold(DELETE_TWO);
    assertEquals(ReviewTicket.State.PENDING, other.state(), "another statement is held");
    assertNotEquals(first.reviewId(), other.reviewId(), "with its own review");
    ReviewTicket otherConnection =
        service.hold(new ReviewRequestInfo("s2", "alice", "orders", DELETE_ONE, "r"));
    assertEquals(ReviewTicket.State.PENDING, otherConnection.state(), "another connection");
    ReviewTicket otherIdentity =
        service.hold(new ReviewRequestInfo("s3", "carol", "plain", DELETE_ONE, "r"));
    assertEquals(ReviewTicket.State.PENDING, otherIdentity.state(), "another identity");

    clock.now = clock.now.plusSeconds(2);
    assertEquals(ReviewTicket.State.PENDING, hold(DELETE_ONE).state(), "after the window");
  }

  @Test
  void minApprovalsCountDistinctApproversOnce() {
    ReviewTicket ticket =
        service.hold(new ReviewRequestInfo("s1", "alice", "orders", DELETE_ONE, "r"));
    Caller carol = new Caller("carol", Set.of("leads"));
    assertThrows(
        ActionForbiddenException.class,
        () -> service.approve(BOB, ticket.reviewId(), "ok"),
        "not in this policy's approver groups");
    assertEquals("pending", service.approve(carol, ticket.reviewId(), "ok").status(), "1 of 2");
    assertThrows(
        ResourceConflictException.class,
        () -> service.approve(carol, ticket.reviewId(), "again"),
        "the same approver counts once");
    assertEquals(
        "approved",
        service.approve(new Caller("dan", Set.of("leads")), ticket.reviewId(), "ok").status(),
        "2 of 2");
    assertThrows(
        ResourceConflictException.class,
        () -> service.approve(new Caller("erin", Set.of("leads")), ticket.reviewId(), "late"),
        "a decided review takes no more approvals");
  }

  @Test
  void heldWorkAndItsDecisionAreQueuedForTheWebhook() {
    Caller carol = new Caller("carol", Set.of("leads"));
    Caller dan = new Caller("dan", Set.of("leads"));
    ReviewTicket held =
        service.hold(new ReviewRequestInfo("s9", "alice", "orders", DELETE_ONE, "hold-deletes"));
    assertEquals(List.of("review.requested"), outbox.events(), "a new review is announced");
    service.approve(carol, held.reviewId(), "one");
    assertEquals(List.of("review.requested"), outbox.events(), "one of two approvals: silent");
    service.approve(dan, held.reviewId(), "two");
    service.hold(new ReviewRequestInfo("s9", "alice", "orders", DELETE_ONE, "hold-deletes"));
    assertEquals(
        List.of("review.requested", "review.approved"),
        outbox.events(),
        "released; the covered re-run opens no review");
    JsonObject requested =
        Json.createReader(new StringReader(outbox.all.get(0).payload())).readObject();
    assertEquals(
        "Gatehouse: review "
            + held.reviewId()
            + " requested by alice on orders (rule hold-deletes): "
            + DELETE_ONE,
        requested.getString("text"),
        "Slack text");
    assertEquals(DELETE_ONE, requested.getString("subject"), "the held statement");
    ReviewTicket other =
        service.hold(new ReviewRequestInfo("s9", "alice", "orders", DELETE_TWO, "hold-deletes"));
    service.reject(carol, other.reviewId(), "no");
    assertEquals(3, outbox.all.size(), "review.rejected is not among the policy's events");
    service.hold(new ReviewRequestInfo("s9", "alice", "plain", DELETE_TWO, "hold-deletes"));
    assertEquals(3, outbox.all.size(), "no policy, no webhook");
  }

  @Test
  void rejectionAndTimeout() {
    ReviewTicket rejected = hold(DELETE_ONE);
    service.reject(BOB, rejected.reviewId(), "not now");
    ReviewTicket status = service.status(rejected.reviewId());
    assertEquals(ReviewTicket.State.REJECTED, status.state(), "rejected");
    assertEquals("bob", status.decidedBy(), "by whom");
    assertEquals("not now", status.comment(), "why");

    ReviewTicket late = hold(DELETE_TWO);
    clock.now = clock.now.plusSeconds(60);
    assertEquals(ReviewTicket.State.EXPIRED, service.status(late.reviewId()).state(), "timed out");
    assertThrows(
        ResourceConflictException.class,
        () -> service.approve(BOB, late.reviewId(), "too late"),
        "an expired review cannot be approved");
  }
}
