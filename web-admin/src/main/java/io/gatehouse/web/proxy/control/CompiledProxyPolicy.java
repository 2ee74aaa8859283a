package io.gatehouse.web.proxy.control;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.http.HttpCriteria;
import io.gatehouse.http.json.ValueMasker;
import io.gatehouse.http.kubernetes.KubernetesCriteria;
import io.gatehouse.masking.MaskingPlan;
import io.gatehouse.masking.MaskingRule;
import io.gatehouse.policy.Action;
import io.gatehouse.policy.HttpMatch;
import io.gatehouse.policy.KubernetesMatch;
import io.gatehouse.policy.MaskingSettings;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyParser;
import io.gatehouse.policy.RecordingMode;
import io.gatehouse.policy.Rule;
import io.gatehouse.web.proxy.ProxyDecision;
import io.gatehouse.web.proxy.ProxyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One policy version compiled for the HTTP and Kubernetes proxy: immutable, shared by every request
 * under that version.
 *
 * <ul>
 *   <li>Rules in order, the first whose {@code when} matches wins; {@code groups} / {@code
 *       exceptGroups} are checked per identity. A rule's {@code when.http} applies to HTTP and
 *       Kubernetes connections alike (a Kubernetes API is HTTP too), {@code when.kubernetes} only
 *       to Kubernetes connections; rules with only {@code sql} or {@code command} never match here.
 *   <li>No rule matched: the policy's {@code defaultAction}.
 *   <li>Masking: the policy's detector rules ({@code payment-card}, {@code email}, …, each with its
 *       strategy) scan every JSON string and number of the response ({@link MaskingPlan#maskText}),
 *       unless the identity is in {@code masking.exemptGroups}. Column-only rules name result
 *       columns, which a JSON response does not have: they do not apply here. Kubernetes Secrets
 *       are masked by the proxy core whatever the policy says.
 * </ul>
 */
final class CompiledProxyPolicy {

  private record CompiledRule(Rule rule, HttpCriteria http, KubernetesCriteria kubernetes) {}

  private final Policy policy;
  private final List<CompiledRule> rules;
  private final ValueMasker contentMasker;

  private CompiledProxyPolicy(Policy policy, List<CompiledRule> rules, MaskingPlan masking) {
    this.policy = policy;
    this.rules = rules;
    this.contentMasker = masking.isEmpty() ? null : masking::maskText;
  }

  /**
   * @param maskingKey the deployment's keyed-hash masking key
   */
  static CompiledProxyPolicy compile(String policyJson, String policyName, byte[] maskingKey) {
    Policy policy = PolicyParser.parse(policyJson, policyName);
    List<CompiledRule> rules = new ArrayList<>();
    for (Rule rule : policy.rules()) {
      HttpCriteria http = rule.when().http().map(CompiledProxyPolicy::http).orElse(null);
      KubernetesCriteria kubernetes =
          rule.when().kubernetes().map(CompiledProxyPolicy::kubernetes).orElse(null);
      if (http != null || kubernetes != null) {
        rules.add(new CompiledRule(rule, http, kubernetes));
      }
    }
    List<MaskingRule> maskingRules =
        policy.masking().map(MaskingSettings::rules).orElse(List.of()).stream()
            .filter(r -> r.detector().isPresent())
            .toList();
    MaskingPlan masking =
        maskingRules.isEmpty()
            ? MaskingPlan.empty()
            : MaskingPlan.compile(maskingRules, maskingKey);
    return new CompiledProxyPolicy(policy, List.copyOf(rules), masking);
  }

  /** Whether a request that cannot be recorded must not be forwarded. */
  boolean strictRecording() {
    return policy.recording() == RecordingMode.STRICT;
  }

  ProxyDecision decide(Protocol protocol, ProxyRequest request, Set<String> groups) {
    for (CompiledRule compiled : rules) {
      if (compiled.rule().appliesTo(groups) && matches(compiled, protocol, request)) {
        Rule rule = compiled.rule();
        return decision(rule.action(), rule.id(), rule.message().orElse(null), groups);
      }
    }
    return decision(policy.defaultAction(), null, null, groups);
  }

  private ProxyDecision decision(Action action, String ruleId, String message, Set<String> groups) {
    return switch (action) {
      case ALLOW -> ProxyDecision.allow(List.of(), ValueMasker.REDACT, maskerFor(groups));
      case BLOCK -> ProxyDecision.block(ruleId, message);
      case REVIEW -> ProxyDecision.review(ruleId, message, null, List.of(), maskerFor(groups));
    };
  }

  private ValueMasker maskerFor(Set<String> groups) {
    boolean exempt =
        policy.masking().map(MaskingSettings::exemptGroups).orElse(List.of()).stream()
            .anyMatch(groups::contains);
    return exempt ? null : contentMasker;
  }

  private static boolean matches(CompiledRule compiled, Protocol protocol, ProxyRequest request) {
    if (compiled.http() != null && compiled.http().matches(request.method(), request.path())) {
      return true;
    }
    return compiled.kubernetes() != null
        && protocol == Protocol.KUBERNETES
        && request.kubernetes() != null
        && compiled.kubernetes().matches(request.kubernetes());
  }

  private static HttpCriteria http(HttpMatch match) {
    return HttpCriteria.of(match.methods(), match.paths());
  }

  private static KubernetesCriteria kubernetes(KubernetesMatch match) {
    return new KubernetesCriteria(
        match.verbs(), match.resources(), match.subresources(), match.namespaces());
  }
}
