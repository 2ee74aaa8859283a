package io.gatehouse.policy;

import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.MaskingRule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session plans' policies, each version parsed and its masking plan compiled once, then shared by
 * every session under it, whatever the data path.
 */
public final class CompiledPolicies {

  /** A parsed policy and its compiled masking plan. */
  public record Compiled(Policy policy, MaskingPlan masking) {

    /** The masking plan for an identity: empty when its groups are exempt. */
    public MaskingPlan maskingFor(Set<String> identityGroups) {
      boolean exempt =
          policy.masking().map(MaskingSettings::exemptGroups).orElse(List.of()).stream()
              .anyMatch(identityGroups::contains);
      return exempt ? MaskingPlan.empty() : masking;
    }
  }

  private final Map<String, Compiled> byVersion = new ConcurrentHashMap<>();

  /**
   * The plan's policy, compiled; empty when the plan has none.
   *
   * @throws PolicyValidationException or {@link IllegalArgumentException} when the policy cannot be
   *     used (the session is refused: fail closed)
   */
  public Optional<Compiled> of(SessionPlan plan) {
    if (plan.policyJson() == null) {
      return Optional.empty();
    }
    return Optional.of(
        byVersion.computeIfAbsent(
            plan.policyName() + "@" + plan.policyVersion() + "@" + keyId(plan),
            key -> compile(plan)));
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
    return Integer.toHexString(Arrays.hashCode(plan.maskingKey()));
  }
}
