package io.gatehouse.pg.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.policy.PolicyParser;
import io.gatehouse.sql.SqlClassifier;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Statements the classifier cannot analyse: refused where SQL rules apply (fail closed). */
class PolicyStatementGuardTest {

  static final SqlClassifier CLASSIFIER = new SqlClassifier();

  /** Valid PostgreSQL that the classifier cannot analyse: nesting past its parser's depth. */
  static final String TOO_DEEP = "SELECT " + "(".repeat(70) + "1" + ")".repeat(70);

  static PolicyStatementGuard guard(String defaultAction, String rules, String... groups) {
    return new PolicyStatementGuard(
        PolicyParser.parse(
            "{\"name\":\"p\",\"defaultAction\":\""
                + defaultAction
                + "\",\"rules\":["
                + rules
                + "]}",
            "p"),
        Set.of(groups),
        CLASSIFIER);
  }

  static final String NO_DROP =
      "{\"id\":\"no-drop\",\"action\":\"block\",\"when\":{\"sql\":{\"kinds\":[\"DROP\"]}}}";

  @ParameterizedTest
  @ValueSource(strings = {"xyzzy frobnicate", "select 'unterminated", "SELECT 1; xyzzy"})
  void unparseableSqlIsBlockedWhereRulesApply(String sql) {
    assertFailClosed(guard("allow", NO_DROP).check(sql), sql);
  }

  @Test
  void validSqlTooDeepToAnalyseIsBlockedToo() {
    assertFailClosed(guard("allow", NO_DROP).check(TOO_DEEP), TOO_DEEP);
  }

  @Test
  void rulesOfOtherGroupsStillMakeThePolicyFailClosed() {
    String dbaOnly =
        "{\"id\":\"no-drop\",\"action\":\"block\",\"groups\":[\"dba\"],"
            + "\"when\":{\"sql\":{\"kinds\":[\"DROP\"]}}}";
    assertFailClosed(guard("allow", dbaOnly, "dev").check("xyzzy"), "xyzzy");
  }

  @Test
  void aRuleNamingUnparseableDecidesInstead() {
    String allowUnparseable =
        "{\"id\":\"let-it-through\",\"action\":\"allow\","
            + "\"when\":{\"sql\":{\"kinds\":[\"UNPARSEABLE\"]}}}";
    Verdict verdict = guard("allow", allowUnparseable).check("xyzzy");
    assertEquals(Verdict.Outcome.ALLOW, verdict.outcome(), "the rule decides: " + verdict);
    assertEquals("let-it-through", verdict.ruleId(), "named");
  }

  @ParameterizedTest
  @CsvSource({"allow, ALLOW", "review, REVIEW", "block, BLOCK"})
  void withoutRulesThePolicysDefaultDecides(String defaultAction, Verdict.Outcome expected) {
    Verdict verdict = guard(defaultAction, "").check("xyzzy frobnicate");
    assertEquals(expected, verdict.outcome(), "the default: " + verdict);
    assertNull(verdict.ruleId(), "no rule");
    assertNull(verdict.message(), "no fail-closed message: " + verdict);
  }

  private static void assertFailClosed(Verdict verdict, String sql) {
    assertEquals(Verdict.Outcome.BLOCK, verdict.outcome(), sql + " -> " + verdict);
    assertNull(verdict.ruleId(), "no rule decided: " + verdict);
    assertTrue(
        verdict.message().contains("could not be analysed"), "says why: " + verdict.message());
    assertTrue(verdict.kinds().contains("UNPARSEABLE"), "recorded as such: " + verdict.kinds());
    String refusal = BlockedStatements.refusal(verdict).fields().get('M');
    assertEquals(
        "Gatehouse: statement is blocked: the statement could not be analysed, and this"
            + " connection's policy refuses what it cannot analyse",
        refusal,
        "the client is told why, not that a default blocked it");
  }
}
