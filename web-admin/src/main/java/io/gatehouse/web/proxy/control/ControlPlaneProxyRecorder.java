package io.gatehouse.web.proxy.control;

import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.control.application.SessionAdmission;
import io.gatehouse.http.kubernetes.KubernetesRequest;
import io.gatehouse.recording.EventChain;
import io.gatehouse.web.proxy.ProxyDecision;
import io.gatehouse.web.proxy.ProxyDeniedException;
import io.gatehouse.web.proxy.ProxyOutcome;
import io.gatehouse.web.proxy.ProxyRecorder;
import io.gatehouse.web.proxy.ProxyRequest;
import io.gatehouse.web.proxy.ProxyTarget;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records each proxied request as the events of its session: {@code request} (method, path, the
 * Kubernetes meaning, decision and rule) stored synchronously before anything is forwarded, then
 * {@code response} (status, bytes, duration), and closes the session. The query string is never
 * recorded (it may carry secrets); neither are bodies.
 *
 * <p>The store is a synchronous insert in its own transaction, so a stored event is durable. When
 * it fails, a policy with {@code recording: strict} (the default, and the rule for connections
 * without a policy) refuses the request with 503; {@code best-effort} lets it through with a
 * warning.
 */
@ApplicationScoped
public class ControlPlaneProxyRecorder implements ProxyRecorder {

  private static final Logger LOG = Logger.getLogger(ControlPlaneProxyRecorder.class.getName());

  // Each request's session chains its two events: the request's hash, until the response.
  private final java.util.Map<String, String> lastHash =
      new java.util.concurrent.ConcurrentHashMap<>();

  @EJB SessionAdmission admission;
  @Inject ProxySessions sessions;
  @Inject PolicyProxyPolicy policies;

  @Override
  public void requested(ProxyTarget target, ProxyRequest request, ProxyDecision decision)
      throws ProxyDeniedException {
    RecordedEvent event =
        EventChain.link(
            EventChain.GENESIS,
            target.sessionId(),
            1,
            EventChain.recordable(Instant.now()),
            "request",
            requestPayload(target, request),
            decision.action().name().toLowerCase(Locale.ROOT),
            decision.ruleId());
    try {
      admission.store(List.of(event));
      lastHash.put(target.sessionId(), event.hash());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "session " + target.sessionId() + ": the request could not be recorded",
          e);
      if (strict(target)) {
        throw new ProxyDeniedException(
            503, "the request could not be recorded, so it was not forwarded; try again later");
      }
    }
  }

  @Override
  public void completed(
      ProxyTarget target, ProxyRequest request, ProxyDecision decision, ProxyOutcome outcome) {
    try {
      String previous = lastHash.remove(target.sessionId());
      if (decision != null && previous != null) {
        admission.store(
            List.of(
                EventChain.link(
                    previous,
                    target.sessionId(),
                    2,
                    EventChain.recordable(Instant.now()),
                    "response",
                    responsePayload(outcome),
                    null,
                    null)));
      }
      boolean refused = decision != null && decision.action() != ProxyDecision.Action.ALLOW;
      admission.close(
          new SessionOutcome(
              target.sessionId(),
              Instant.now(),
              outcome.error() == null ? "client-closed" : "target-error",
              request == null ? 0 : 1,
              refused ? 1 : 0,
              0));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session " + target.sessionId() + " could not be closed", e);
    } finally {
      sessions.ended(target.sessionId());
    }
  }

  private boolean strict(ProxyTarget target) {
    Optional<SessionPlan> plan = sessions.plan(target.sessionId());
    return plan.flatMap(policies::compiled).map(CompiledProxyPolicy::strictRecording).orElse(true);
  }

  static String requestPayload(ProxyTarget target, ProxyRequest request) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("protocol", target.protocol().name().toLowerCase(Locale.ROOT))
            .add("method", request.method())
            .add("path", request.path());
    KubernetesRequest k = request.kubernetes();
    if (k != null) {
      JsonObjectBuilder kubernetes = Json.createObjectBuilder().add("verb", k.verb());
      if (k.resourceRequest()) {
        kubernetes
            .add("resource", k.groupResource())
            .add("subresource", k.subresource())
            .add("namespace", k.namespace())
            .add("name", k.name());
      }
      json.add("kubernetes", kubernetes);
    }
    if (request.upgrade()) {
      json.add("upgrade", true);
    }
    return json.build().toString();
  }

  static String responsePayload(ProxyOutcome outcome) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("status", outcome.status())
            .add("bytes", outcome.bytes())
            .add("millis", outcome.duration().toMillis());
    if (outcome.error() != null) {
      json.add("error", outcome.error());
    }
    return json.build().toString();
  }
}
