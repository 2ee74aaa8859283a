package io.gatehouse.control.domain.model.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Set<String> REVIEWERS = Set.of("gatehouse-reviewer");

  static Grant grant(int minApprovals) {
    return new Grant("alice", "orders-prod", "INC-42", Duration.ofHours(1), minApprovals, NOW);
  }

  @Test
  void enoughApprovalsOpenTheWindow() {
    Grant grant = grant(2);
    grant.approve("bob", REVIEWERS, REVIEWERS, NOW.plusSeconds(10));
    assertEquals(GrantStatus.PENDING, grant.status(), "one of two approvals");
    grant.approve("carol", REVIEWERS, REVIEWERS, NOW.plusSeconds(20));

    assertEquals(GrantStatus.ACTIVE, grant.status(), "active after the second");
    assertEquals(NOW.plusSeconds(20), grant.windowStart(), "window opens at the last approval");
    assertEquals(NOW.plusSeconds(20 + 3600), grant.windowEnd(), "and lasts as requested");
    assertTrue(grant.isActiveAt(NOW.plusSeconds(60)), "active inside the window");
    assertFalse(grant.isActiveAt(NOW.plusSeconds(20 + 3600)), "not at the end");
  }

  @Test
  void approvalRules() {
    Grant grant = grant(2);
    assertThrows(
        IllegalStateException.class,
        () -> grant.approve("alice", REVIEWERS, REVIEWERS, NOW),
        "no self-approval");
    assertThrows(
        IllegalStateException.class,
        () -> grant.approve("bob", Set.of("dev"), REVIEWERS, NOW),
        "approver must be in an approver group");
    grant.approve("bob", REVIEWERS, REVIEWERS, NOW);
    assertThrows(
        IllegalStateException.class,
        () -> grant.approve("bob", REVIEWERS, REVIEWERS, NOW),
        "one approval per person");
  }

  @Test
  void expiresAndRevokes() {
    Grant grant = grant(1);
    grant.approve("bob", REVIEWERS, REVIEWERS, NOW);
    assertFalse(grant.expireIfDue(NOW.plusSeconds(10)), "not yet due");
    assertTrue(grant.expireIfDue(NOW.plusSeconds(3600)), "due");
    assertEquals(GrantStatus.EXPIRED, grant.status(), "expired");
    assertThrows(IllegalStateException.class, () -> grant.revoke("bob", NOW), "already over");

    Grant other = grant(1);
    other.approve("bob", REVIEWERS, REVIEWERS, NOW);
    other.revoke("bob", NOW.plusSeconds(5));
    assertEquals(GrantStatus.REVOKED, other.status(), "revoked");
    assertFalse(other.isActiveAt(NOW.plusSeconds(6)), "not active after revocation");
  }

  @Test
  void constructorGuards() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Grant("a", "c", " ", Duration.ofHours(1), 1, NOW),
        "reason required");
    assertThrows(
        IllegalArgumentException.class,
        () -> new Grant("a", "c", "r", Duration.ofHours(25), 1, NOW),
        "at most 24 hours");
    assertThrows(
        IllegalArgumentException.class,
        () -> new Grant("a", "c", "r", Duration.ofHours(1), 0, NOW),
        "at least one approval");
  }
}
