package io.gatehouse.pg.proxy;

import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.MaskingRule;
import io.gatehouse.policy.MaskingSettings;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyParser;
import io.gatehouse.policy.RecordingMode;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolRecorder;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.sql.SqlClassifier;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles a session plan's policy into the PostgreSQL session's rules. Each policy version is
 * parsed once and its masking plan compiled once, then shared by every session under it; the
 * statement classifier and its shape cache are shared by all sessions.
 */
public final class PolicySessionRules implements SessionRulesFactory {

  private record Compiled(Policy policy, MaskingPlan masking) {}

  private final SqlClassifier classifier;
  private final EventSpool spool;
  private final SpoolShipper shipper;
  private final Clock clock;
  private final Map<String, Compiled> byVersion = new ConcurrentHashMap<>();

  public PolicySessionRules(
      SqlClassifier classifier, EventSpool spool, SpoolShipper shipper, Clock clock) {
    this.classifier = classifier;
    this.spool = spool;
    this.shipper = shipper;
    this.clock = clock;
  }

  @Override
  public SessionRules rulesFor(SessionPlan plan, String clientAddress) {
    SpoolRecorder recorder;
    if (plan.policyJson() == null) {
      recorder = new SpoolRecorder(plan.sessionId(), spool, shipper, true, clock);
      return new SessionRules(
          false, sql -> Verdict.allow(null), ResultMasking.NONE, adapt(recorder));
    }
    Compiled compiled =
        byVersion.computeIfAbsent(
            plan.policyName() + "@" + plan.policyVersion() + "@" + keyId(plan),
            key -> compile(plan));
    Policy policy = compiled.policy();
    boolean exempt =
        policy.masking().map(MaskingSettings::exemptGroups).orElse(List.of()).stream()
            .anyMatch(plan.groups()::contains);
    ResultMasking masking =
        exempt || compiled.masking().isEmpty()
            ? ResultMasking.NONE
            : new PlanMasking(compiled.masking());
    recorder =
        new SpoolRecorder(
            plan.sessionId(), spool, shipper, policy.recording() == RecordingMode.STRICT, clock);
    return new SessionRules(
        policy.requireTls(),
        new PolicyStatementGuard(policy, plan.groups(), classifier),
        masking,
        adapt(recorder));
  }

  private static Compiled compile(SessionPlan plan) {
    Policy policy = PolicyParser.parse(plan.policyJson(), plan.policyName());
    List<MaskingRule> rules = policy.masking().map(MaskingSettings::rules).orElse(List.of());
    MaskingPlan masking =
        rules.isEmpty() ? MaskingPlan.empty() : MaskingPlan.compile(rules, plan.maskingKey());
    return new Compiled(policy, masking);
  }

  // Sessions under different masking keys must not share a compiled plan.
  private static String keyId(SessionPlan plan) {
    return Integer.toHexString(java.util.Arrays.hashCode(plan.maskingKey()));
  }

  private static SessionRecorder adapt(SpoolRecorder recorder) {
    return (type, payloadJson, verdict) ->
        recorder.record(
            type,
            payloadJson,
            verdict == null ? null : verdict.outcome().name().toLowerCase(Locale.ROOT),
            verdict == null ? null : verdict.ruleId());
  }
}
