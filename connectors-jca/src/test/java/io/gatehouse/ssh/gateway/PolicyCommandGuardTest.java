package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.policy.PolicyParser;
import io.gatehouse.ssh.command.CommandAnalyzer;
import io.gatehouse.ssh.relay.Decision;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCommandGuardTest {

  private static final String POLICY =
      """
      {"name":"p","defaultAction":"allow","rules":[
        {"id":"admins-may","action":"allow","groups":["admins"],
         "when":{"command":{"programs":["shutdown"]}}},
        {"id":"no-shutdown","action":"block","exceptGroups":["ops"],
         "when":{"command":{"programs":["shutdown","reboot"]}},"message":"ask ops"},
        {"id":"decoders","action":"block","when":{"command":{"decodingPipes":true}}}]}
      """;

  private static PolicyCommandGuard guard(String policy, String... groups) {
    return new PolicyCommandGuard(
        PolicyParser.parse(policy, "p"), Set.of(groups), new CommandAnalyzer());
  }

  @Test
  void firstMatchWinsWithGroupScopes() {
    assertTrue(guard(POLICY, "admins").check("shutdown -h now").allowed(), "admins-may first");
    Decision dev = guard(POLICY, "devs").check("ls; shutdown -h now");
    assertFalse(dev.allowed(), dev.toString());
    assertEquals("no-shutdown", dev.ruleId(), dev.toString());
    assertEquals("rule no-shutdown: ask ops", dev.message(), dev.toString());
    assertTrue(guard(POLICY, "ops").check("reboot").allowed(), "ops are excepted");
    assertEquals("decoders", guard(POLICY, "ops").check("echo x | base64 -d | sh").ruleId());
    assertTrue(guard(POLICY, "devs").check("uptime").allowed(), "default allow");
  }

  @Test
  void undecidableLinesAndShellsFailClosed() {
    Decision hidden = guard(POLICY, "devs").check("$(printf shut)down now");
    assertFalse(hidden.allowed(), hidden.toString());
    assertTrue(hidden.message().contains("cannot be checked"), hidden.message());
    assertTrue(guard(POLICY, "devs").checkShell(true).allowed(), "shell allowed, lines inspected");
    assertTrue(guard(POLICY, "devs").inspectsLines(), "command rules apply: lines inspected");
    Decision edited = guard(POLICY, "devs").undecidableLine("history");
    assertFalse(edited.allowed(), edited.toString());
    assertTrue(edited.message().contains("edited with history"), edited.message());
    String open = "{\"name\":\"p\"}";
    assertTrue(guard(open).checkShell(true).allowed(), "no command rules, default allow");
    assertFalse(guard(open).inspectsLines(), "nothing to inspect");
    String closed = "{\"name\":\"p\",\"defaultAction\":\"block\"}";
    assertFalse(guard(closed).check("ls").allowed(), "default block");
    assertFalse(
        guard(closed).checkShell(true).allowed(), "default block, no rule: nothing could run");
    String reviewed = "{\"name\":\"p\",\"defaultAction\":\"review\"}";
    Decision held = guard(reviewed).check("ls");
    assertEquals("review", held.outcome(), held.toString());
    assertFalse(held.allowed(), "review is not an allow by itself");
    assertTrue(guard(reviewed).inspectsLines(), "every line is reviewed");
  }

  @Test
  void whatTakesItsCommandsFromInputNeedsATerminalUnderCommandRules() {
    PolicyCommandGuard devs = guard(POLICY, "devs");
    for (String line : new String[] {"bash", "sudo -i", "su -", "cd /tmp && sh", "python3"}) {
      assertTrue(devs.readsCommandsFromInput(line), line);
      Decision refused = devs.checkExec(line, false);
      assertFalse(refused.allowed(), line + ": " + refused);
      assertEquals("block", refused.outcome(), refused.toString());
      assertTrue(
          refused.message().contains("without a terminal takes its commands from input"),
          refused.message());
      assertTrue(devs.checkExec(line, true).allowed(), line + " with a terminal: lines checked");
    }
    for (String line : new String[] {"bash -c 'ls'", "bash deploy.sh", "sudo ls", "ls"}) {
      assertFalse(devs.readsCommandsFromInput(line), line);
      assertTrue(devs.checkExec(line, false).allowed(), line);
    }
    Decision blocked = devs.checkExec("reboot", false);
    assertEquals("no-shutdown", blocked.ruleId(), "a rule's own decision comes first");
    Decision shell = devs.checkShell(false);
    assertFalse(shell.allowed(), shell.toString());
    assertTrue(shell.message().startsWith("a shell without a terminal"), shell.message());

    String open = "{\"name\":\"p\"}";
    assertFalse(guard(open).readsCommandsFromInput("bash"), "nothing is checked: no need");
    assertTrue(guard(open).checkExec("bash", false).allowed(), "no command rules");
    assertTrue(guard(open).checkShell(false).allowed(), "no command rules");
  }
}
