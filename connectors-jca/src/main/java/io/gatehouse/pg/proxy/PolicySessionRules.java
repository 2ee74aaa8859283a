package io.gatehouse.pg.proxy;

import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.policy.CompiledPolicies;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.RecordingMode;
import io.gatehouse.policy.SessionTimeouts;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolRecorder;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.sql.SqlClassifier;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Compiles a session plan's policy into the PostgreSQL session's rules. Each policy version is
 * parsed once and its masking plan compiled once, then shared by every session under it; the
 * statement classifier and its shape cache are shared by all sessions.
 */
public final class PolicySessionRules implements SessionRulesFactory {

  private final SqlClassifier classifier;
  private final EventSpool spool;
  private final SpoolShipper shipper;
  private final Clock clock;
  private final CompiledPolicies policies = new CompiledPolicies();
  private final SessionTimeouts defaultTimeouts;

  public PolicySessionRules(
      SqlClassifier classifier, EventSpool spool, SpoolShipper shipper, Clock clock) {
    this(classifier, spool, shipper, clock, SessionTimeouts.NONE);
  }

  /**
   * @param defaultTimeouts the server's idle limits, for sessions whose policy sets none
   */
  public PolicySessionRules(
      SqlClassifier classifier,
      EventSpool spool,
      SpoolShipper shipper,
      Clock clock,
      SessionTimeouts defaultTimeouts) {
    this.classifier = classifier;
    this.spool = spool;
    this.shipper = shipper;
    this.clock = clock;
    this.defaultTimeouts = defaultTimeouts;
  }

  @Override
  public SessionRules rulesFor(SessionPlan plan, String clientAddress) {
    SpoolRecorder recorder;
    Optional<CompiledPolicies.Compiled> compiled = policies.of(plan);
    if (compiled.isEmpty()) {
      recorder = new SpoolRecorder(plan.sessionId(), spool, shipper, true, clock);
      return new SessionRules(
          false, sql -> Verdict.allow(null), ResultMasking.NONE, adapt(recorder), defaultTimeouts);
    }
    Policy policy = compiled.get().policy();
    MaskingPlan maskingPlan = compiled.get().maskingFor(plan.groups());
    ResultMasking masking =
        maskingPlan.isEmpty() ? ResultMasking.NONE : new PlanMasking(maskingPlan);
    recorder =
        new SpoolRecorder(
            plan.sessionId(), spool, shipper, policy.recording() == RecordingMode.STRICT, clock);
    return new SessionRules(
        policy.requireTls(),
        new PolicyStatementGuard(policy, plan.groups(), classifier),
        masking,
        adapt(recorder),
        policy.timeouts().orElse(defaultTimeouts));
  }

  private static SessionRecorder adapt(SpoolRecorder recorder) {
    return new SessionRecorder() {
      @Override
      public void record(String type, String payloadJson, Verdict verdict) throws IOException {
        recorder.record(type, payloadJson, decision(verdict), rule(verdict));
      }

      @Override
      public void recordLater(String type, String payloadJson, Verdict verdict) throws IOException {
        recorder.recordLater(type, payloadJson, decision(verdict), rule(verdict));
      }

      @Override
      public void sync() throws IOException {
        recorder.sync();
      }
    };
  }

  private static String decision(Verdict verdict) {
    return verdict == null ? null : verdict.outcome().name().toLowerCase(Locale.ROOT);
  }

  private static String rule(Verdict verdict) {
    return verdict == null ? null : verdict.ruleId();
  }
}
