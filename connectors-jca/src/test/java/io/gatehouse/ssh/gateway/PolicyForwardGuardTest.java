package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.policy.PolicyParser;
import io.gatehouse.ssh.relay.Decision;
import io.gatehouse.ssh.relay.ForwardRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyForwardGuardTest {

  private static final String POLICY =
      """
      {"name":"p","defaultAction":"allow","rules":[
        {"id":"no-metadata","action":"block",
         "when":{"forward":{"destinations":["169.254.169.254:*"]}}},
        {"id":"review-db","action":"review","message":"ask the DBA",
         "when":{"forward":{"destinations":["db.internal:5432"]}}},
        {"id":"dba-tunnels","action":"allow","groups":["dba"],
         "when":{"forward":{"destinations":["*.internal:5432"]}}},
        {"id":"web","action":"allow","exceptGroups":["contractors"],
         "when":{"forward":{"kinds":["local"],"destinations":["web-?.internal:443","10.0.*.*:80","**.apps.internal:8080","[fd00::1]:22"]}}},
        {"id":"listeners","action":"allow",
         "when":{"forward":{"kinds":["remote"],"destinations":["localhost:8080"]}}},
        {"id":"commands","action":"allow","when":{"command":{"programs":["nc"]}}}]}
      """;

  private static Decision check(Set<String> groups, String host, int port) {
    return new PolicyForwardGuard(PolicyParser.parse(POLICY, "p"), groups)
        .check(new ForwardRequest(ForwardRequest.LOCAL, host, port, "127.0.0.1", 50000));
  }

  @Test
  void theFirstMatchingRuleDecides() {
    Decision web = check(Set.of("dev"), "web-1.internal", 443);
    assertTrue(web.allowed(), web::toString);
    assertEquals("web", web.ruleId());
    assertEquals("allow", web.outcome());
    assertTrue(check(Set.of("dev"), "10.0.3.7", 80).allowed());
    assertTrue(check(Set.of("dev"), "a.b.apps.internal", 8080).allowed(), "** crosses dots");
    assertTrue(check(Set.of("dev"), "fd00::1", 22).allowed(), "an IPv6 destination");

    Decision metadata = check(Set.of("dba"), "169.254.169.254", 80);
    assertFalse(metadata.allowed());
    assertEquals("no-metadata", metadata.ruleId());
    assertEquals(
        "rule no-metadata: local port forwarding to 169.254.169.254:80 is not allowed on this"
            + " connection",
        metadata.message());
  }

  @Test
  void hostsMatchWithoutRegardToCaseAndPortsExactly() {
    assertTrue(check(Set.of("dev"), "web-2.internal", 443).allowed());
    assertFalse(check(Set.of("dev"), "web-2.internal", 4430).allowed());
    assertFalse(check(Set.of("dev"), "web-22.internal", 443).allowed(), "? is one character");
    assertFalse(check(Set.of("dev"), "web-2.internal.evil.com", 443).allowed());
    assertFalse(check(Set.of("dev"), "web-1.x.internal", 443).allowed(), "* stays in a label");
    assertFalse(
        check(Set.of("dev"), "10.0.evil.example", 80).allowed(),
        "an address pattern never matches a name");
    assertFalse(check(Set.of("dev"), "10.0.3.7.nip.io", 80).allowed());
  }

  @Test
  void groupsAndExceptGroupsApply() {
    assertTrue(check(Set.of("dba"), "orders.internal", 5432).allowed());
    assertFalse(check(Set.of("dev"), "orders.internal", 5432).allowed());
    assertFalse(check(Set.of("dev", "contractors"), "web-1.internal", 443).allowed());
  }

  @Test
  void kindsKeepLocalAndRemoteApart() {
    PolicyForwardGuard guard = new PolicyForwardGuard(PolicyParser.parse(POLICY, "p"), Set.of());
    Decision listener =
        guard.check(new ForwardRequest(ForwardRequest.REMOTE, "localhost", 8080, null, 0));
    assertTrue(listener.allowed(), listener::toString);
    assertEquals("listeners", listener.ruleId());
    assertFalse(
        guard
            .check(new ForwardRequest(ForwardRequest.LOCAL, "localhost", 8080, "::1", 1))
            .allowed(),
        "a remote-only rule does not allow a local forward");
    Decision web =
        guard.check(new ForwardRequest(ForwardRequest.REMOTE, "web-1.internal", 443, null, 0));
    assertFalse(web.allowed(), "a local-only rule does not allow a listener");
    assertTrue(
        web.message().startsWith("remote port forwarding from web-1.internal:443 on the target"),
        web::toString);
  }

  @Test
  void agentForwardingNeedsARuleWithoutDestinations() {
    ForwardRequest agent = new ForwardRequest(ForwardRequest.AGENT, "", 0, null, 0);
    Decision none = new PolicyForwardGuard(PolicyParser.parse(POLICY, "p"), Set.of()).check(agent);
    assertFalse(none.allowed(), "rules with destinations never match an agent request");
    assertTrue(none.message().startsWith("agent forwarding is not allowed"), none::toString);

    String allowing =
        "{\"name\":\"a\",\"rules\":[{\"id\":\"agents\",\"action\":\"allow\","
            + "\"groups\":[\"ops\"],\"when\":{\"forward\":{\"kinds\":[\"agent\"]}}}]}";
    Decision ops =
        new PolicyForwardGuard(PolicyParser.parse(allowing, "a"), Set.of("ops")).check(agent);
    assertTrue(ops.allowed(), ops::toString);
    assertEquals("agents", ops.ruleId());
    assertFalse(
        new PolicyForwardGuard(PolicyParser.parse(allowing, "a"), Set.of("dev"))
            .check(agent)
            .allowed());
  }

  @Test
  void reviewCannotHoldAForwardedConnection() {
    Decision review = check(Set.of("dba"), "db.internal", 5432);
    assertFalse(review.allowed());
    assertEquals("review", review.outcome());
    assertEquals("review-db", review.ruleId());
    assertTrue(
        review.message().contains("cannot wait for a reviewer (ask the DBA)"), review::toString);
  }

  @Test
  void withoutAnAllowingRuleForwardingIsRefusedWhateverTheDefaultAction() {
    Decision none = check(Set.of("dev"), "intranet", 80);
    assertFalse(none.allowed(), "defaultAction allow is about commands, not forwarding");
    assertEquals(null, none.ruleId());
    assertTrue(
        none.message().contains("no rule of this connection's policy allows it"), none::toString);

    Decision noPolicy =
        new PolicyForwardGuard(null, Set.of("dba"))
            .check(new ForwardRequest(ForwardRequest.LOCAL, "db.internal", 5432, "::1", 1));
    assertFalse(noPolicy.allowed());
  }
}
