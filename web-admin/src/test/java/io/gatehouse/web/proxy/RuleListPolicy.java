package io.gatehouse.web.proxy;

import io.gatehouse.http.HttpCriteria;
import io.gatehouse.http.json.ValueMasker;
import io.gatehouse.http.kubernetes.KubernetesCriteria;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only {@link ProxyPolicy}: rules in order, the first match wins, as docs/POLICY.md says; what
 * no rule matches is allowed with the given masking paths.
 */
final class RuleListPolicy implements ProxyPolicy {

  record Rule(
      String id,
      ProxyDecision.Action action,
      KubernetesCriteria kubernetes,
      HttpCriteria http,
      String message) {}

  private final List<Rule> rules = new ArrayList<>();
  private final List<String> maskPaths = new ArrayList<>();

  RuleListPolicy block(String id, KubernetesCriteria when, String message) {
    rules.add(new Rule(id, ProxyDecision.Action.BLOCK, when, null, message));
    return this;
  }

  RuleListPolicy block(String id, HttpCriteria when, String message) {
    rules.add(new Rule(id, ProxyDecision.Action.BLOCK, null, when, message));
    return this;
  }

  RuleListPolicy review(String id, HttpCriteria when, String message) {
    rules.add(new Rule(id, ProxyDecision.Action.REVIEW, null, when, message));
    return this;
  }

  RuleListPolicy mask(String jsonPath) {
    maskPaths.add(jsonPath);
    return this;
  }

  @Override
  public ProxyDecision decide(ProxyTarget target, ProxyRequest request) {
    for (Rule rule : rules) {
      boolean matches =
          rule.kubernetes() != null && request.kubernetes() != null
              ? rule.kubernetes().matches(request.kubernetes())
              : rule.http() != null && rule.http().matches(request.method(), request.path());
      if (matches) {
        return rule.action() == ProxyDecision.Action.BLOCK
            ? ProxyDecision.block(rule.id(), rule.message())
            : ProxyDecision.review(rule.id(), rule.message(), "r-42");
      }
    }
    return ProxyDecision.allow(maskPaths, ValueMasker.REDACT);
  }
}
