package io.gatehouse.web.proxy.control;

import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.http.kubernetes.KubernetesRequest;
import io.gatehouse.web.proxy.ProxyDecision;
import io.gatehouse.web.proxy.ProxyDeniedException;
import io.gatehouse.web.proxy.ProxyOutcome;
import io.gatehouse.web.proxy.ProxyRecorder;
import io.gatehouse.web.proxy.ProxyRequest;
import io.gatehouse.web.proxy.ProxyTarget;
import io.gatehouse.web.proxy.StreamRecording;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records each proxied request as the events of its session: {@code request} (method, path, the
 * Kubernetes meaning, decision and rule) stored synchronously before anything is forwarded, then
 * {@code response} (status, bytes, duration); a held request's {@code review} (id, outcome, by) in
 * between. Requests are grouped into sessions by {@link ProxySessions}, which closes them. The
 * query string is never recorded (it may carry secrets); neither are bodies.
 *
 * <p>The store is a synchronous insert in its own transaction, so a stored event is durable. When
 * it fails, a policy with {@code recording: strict} (the default, and the rule for connections
 * without a policy) refuses the request with 503; {@code best-effort} lets it through with a
 * warning.
 */
@ApplicationScoped
public class ControlPlaneProxyRecorder implements ProxyRecorder {

  private static final Logger LOG = Logger.getLogger(ControlPlaneProxyRecorder.class.getName());

  @Inject ProxySessions sessions;
  @Inject PolicyProxyPolicy policies;

  @Override
  public void requested(ProxyTarget target, ProxyRequest request, ProxyDecision decision)
      throws ProxyDeniedException {
    store(
        target,
        "request",
        requestPayload(target, request),
        decision.action().name().toLowerCase(Locale.ROOT),
        decision.ruleId());
  }

  @Override
  public void reviewed(ProxyTarget target, ProxyRequest request, ReviewTicket ticket)
      throws ProxyDeniedException {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("review", ticket.reviewId())
            .add("outcome", ticket.state().name().toLowerCase(Locale.ROOT));
    if (ticket.decidedBy() != null) {
      json.add("by", ticket.decidedBy());
    }
    store(target, "review", json.build().toString(), null, null);
  }

  @Override
  public AutoCloseable watchTermination(
      ProxyTarget target, java.util.function.Consumer<String> stop) {
    String id = target.sessionId();
    sessions.watch(id, stop);
    return () -> sessions.unwatch(id, stop);
  }

  @Override
  public StreamRecording stream(ProxyTarget target, ProxyRequest request) {
    String id = target.sessionId();
    sessions.hold(id);
    boolean strict = strict(target);
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<java.util.function.Consumer<String>> stopper =
        new java.util.concurrent.atomic.AtomicReference<>();
    return new StreamRecording() {
      @Override
      public void onTerminate(java.util.function.Consumer<String> stop) {
        if (stopper.compareAndSet(null, stop)) {
          sessions.watch(id, stop);
        }
      }

      @Override
      public double seconds() {
        return sessions.seconds(id);
      }

      @Override
      public void event(String type, String payloadJson) throws java.io.IOException {
        try {
          sessions.append(id, type, payloadJson, null, null);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "session " + id + ": the " + type + " could not be recorded", e);
          if (strict) {
            throw new java.io.IOException("the stream could not be recorded, so it was cut", e);
          }
        }
      }

      @Override
      public void close() {
        if (closed.compareAndSet(false, true)) {
          java.util.function.Consumer<String> stop = stopper.get();
          if (stop != null) {
            sessions.unwatch(id, stop);
          }
          sessions.release(id);
        }
      }
    };
  }

  private void store(
      ProxyTarget target, String type, String payload, String decision, String ruleId)
      throws ProxyDeniedException {
    try {
      sessions.append(target.sessionId(), type, payload, decision, ruleId);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "session " + target.sessionId() + ": the " + type + " could not be recorded",
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
      if (decision != null) {
        sessions.append(target.sessionId(), "response", responsePayload(outcome), null, null);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "session " + target.sessionId() + ": the outcome is not recorded", e);
    } finally {
      sessions.release(target.sessionId());
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
