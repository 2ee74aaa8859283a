package io.gatehouse.web.proxy.control;

import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.web.proxy.ProxyDecision;
import io.gatehouse.web.proxy.ProxyPolicy;
import io.gatehouse.web.proxy.ProxyRequest;
import io.gatehouse.web.proxy.ProxyTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides proxied requests against the policy in the session's plan. Each policy version is
 * compiled once ({@link CompiledProxyPolicy}) and shared; a new version compiles anew, since the
 * version changes on every update. A connection without a policy allows everything (Kubernetes
 * Secrets are still masked by the proxy core).
 */
@ApplicationScoped
public class PolicyProxyPolicy implements ProxyPolicy {

  private static final Logger LOG = Logger.getLogger(PolicyProxyPolicy.class.getName());

  @Inject ProxySessions sessions;

  private final Map<String, CompiledProxyPolicy> byVersion = new ConcurrentHashMap<>();

  @Override
  public ProxyDecision decide(ProxyTarget target, ProxyRequest request) {
    Optional<SessionPlan> plan = sessions.plan(target.sessionId());
    if (plan.isEmpty()) {
      // Fail closed: a target this bean did not see admitted has no policy to go by.
      return ProxyDecision.block(null, "the gateway has no admitted session for this request");
    }
    return compiled(plan.get())
        .map(p -> p.decide(target.protocol(), request, plan.get().groups()))
        .orElseGet(() -> ProxyDecision.allow(List.of(), io.gatehouse.http.json.ValueMasker.REDACT));
  }

  /** The plan's compiled policy; empty when the connection has none. */
  Optional<CompiledProxyPolicy> compiled(SessionPlan plan) {
    if (plan.policyJson() == null) {
      return Optional.empty();
    }
    String key =
        plan.policyName()
            + "@"
            + plan.policyVersion()
            + "@"
            + Integer.toHexString(Arrays.hashCode(plan.maskingKey()));
    return Optional.of(
        byVersion.computeIfAbsent(
            key,
            k -> {
              LOG.log(Level.FINE, () -> "compiling policy " + k + " for the proxy");
              return CompiledProxyPolicy.compile(
                  plan.policyJson(), plan.policyName(), plan.maskingKey());
            }));
  }
}
