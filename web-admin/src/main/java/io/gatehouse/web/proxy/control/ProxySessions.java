package io.gatehouse.web.proxy.control;

import io.gatehouse.connector.api.SessionPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plans of the proxied requests in flight, by session id: admitted by {@link
 * ControlPlaneProxyAccess}, read by {@link PolicyProxyPolicy}, removed by {@link
 * ControlPlaneProxyRecorder} when the request ends. One session per request, so an entry lives as
 * long as its request.
 */
@ApplicationScoped
public class ProxySessions {

  private final Map<String, SessionPlan> plans = new ConcurrentHashMap<>();

  void admitted(SessionPlan plan) {
    plans.put(plan.sessionId(), plan);
  }

  Optional<SessionPlan> plan(String sessionId) {
    return Optional.ofNullable(sessionId).map(plans::get);
  }

  void ended(String sessionId) {
    if (sessionId != null) {
      plans.remove(sessionId);
    }
  }

  int inFlight() {
    return plans.size();
  }
}
