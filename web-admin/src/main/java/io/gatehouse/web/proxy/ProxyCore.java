package io.gatehouse.web.proxy;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.http.HeaderHygiene;
import io.gatehouse.http.HeaderList;
import io.gatehouse.http.HttpRejection;
import io.gatehouse.http.ProxyPath;
import io.gatehouse.http.QueryString;
import io.gatehouse.http.kubernetes.KubernetesRequest;
import io.gatehouse.http.kubernetes.KubernetesRequestClassifier;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Handles one {@code /proxy/{connection}/…} request, in this order: header hygiene (400, 431, 403),
 * path (400, 404), caller and connection ({@link ProxyAccess}: 401, 403, 404), classification,
 * decision ({@link ProxyPolicy}: 403 on block; a review holds the request open until reviewers
 * decide, {@link ReviewHold}), the recording ({@link ProxyRecorder}, durable before anything is
 * forwarded), then the forward ({@link UpstreamForwarder}); the outcome is recorded after the
 * response. One log line per decision; never a token or credential.
 *
 * <p>Protocol switches ({@code kubectl exec/attach/port-forward}, WebSocket) are decided like any
 * request, then relayed byte for byte by {@link UpgradeForwarder} where the container can switch
 * protocols (the servlet), and answered 501 where it cannot.
 */
public final class ProxyCore {

  private static final Logger LOG = Logger.getLogger(ProxyCore.class.getName());

  private final ProxyAccess access;
  private final ProxyPolicy policy;
  private final ProxyRecorder recorder;
  private final ProxySettings settings;
  private final KubernetesRequestClassifier classifier = new KubernetesRequestClassifier();
  private final UpstreamForwarder forwarder;
  private final UpgradeForwarder upgrades;
  private final ReviewHold reviews;

  public ProxyCore(ProxyAccess access, ProxyPolicy policy, ProxySettings settings) {
    this(access, policy, ProxyRecorder.NONE, settings);
  }

  public ProxyCore(
      ProxyAccess access, ProxyPolicy policy, ProxyRecorder recorder, ProxySettings settings) {
    this(access, policy, recorder, ProxyReviews.NONE, settings);
  }

  public ProxyCore(
      ProxyAccess access,
      ProxyPolicy policy,
      ProxyRecorder recorder,
      ProxyReviews reviews,
      ProxySettings settings) {
    this.reviews = new ReviewHold(reviews);
    this.access = access;
    this.policy = policy;
    this.recorder = recorder;
    this.settings = settings;
    this.forwarder = new UpstreamForwarder(settings);
    this.upgrades = new UpgradeForwarder(settings);
  }

  public void handle(ProxyExchange received) throws IOException {
    long start = System.nanoTime();
    ObservedExchange exchange = new ObservedExchange(received);
    ProxyTarget target = null;
    ProxyRequest request = null;
    ProxyDecision decision = null;
    String error = null;
    boolean kubernetesClient = false;
    try {
      settings.hygiene().validateRequest(exchange.requestHeaders());
      ProxyPath path = ProxyPath.parse(settings.mount(), exchange.rawPath());
      kubernetesClient = looksLikeKubernetes(path);
      target = access.resolve(path.connection(), caller(exchange));
      kubernetesClient = target.protocol() == Protocol.KUBERNETES;
      request = classify(exchange, path, target);
      decision = policy.decide(target, request);
      log(target, request, decision);
      recorder.requested(target, request, decision);
      if (decision.action() == ProxyDecision.Action.REVIEW) {
        ReviewHold.Outcome reviewed = reviews.await(target, request, decision);
        decision = reviewed.decision();
        if (reviewed.ticket() != null) {
          recorder.reviewed(target, request, reviewed.ticket());
        }
      }
      if (decision.action() != ProxyDecision.Action.ALLOW) {
        Refusals.write(exchange, 403, decision.refusalText(), decision.ruleId(), kubernetesClient);
      } else if (request.upgrade()) {
        upgrades.forward(exchange, target, path, request, decision, recorder);
      } else {
        ProxyTarget t = target;
        forwarder.forward(
            exchange, target, path, request, decision, stop -> recorder.watchTermination(t, stop));
      }
    } catch (HttpRejection e) {
      ProxyTarget t = target;
      LOG.log(
          Level.INFO, () -> "proxy refused " + who(t) + ": " + e.status() + " " + e.getMessage());
      Refusals.write(exchange, e.status(), e.getMessage(), null, kubernetesClient);
    } catch (ProxyDeniedException e) {
      ProxyTarget t = target;
      LOG.log(
          Level.INFO, () -> "proxy denied " + who(t) + ": " + e.status() + " " + e.getMessage());
      Refusals.write(exchange, e.status(), e.getMessage(), null, kubernetesClient);
    } catch (IOException | RuntimeException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
      throw e;
    } finally {
      if (target != null) {
        recorder.completed(
            target,
            request,
            decision,
            new ProxyOutcome(
                exchange.status(),
                exchange.bytes(),
                Duration.ofNanos(System.nanoTime() - start),
                error));
      }
    }
  }

  private ProxyRequest classify(ProxyExchange exchange, ProxyPath path, ProxyTarget target) {
    Map<String, List<String>> query = QueryString.parse(exchange.rawQuery());
    boolean upgrade = HeaderHygiene.requestsProtocolSwitch(exchange.requestHeaders());
    KubernetesRequest kubernetes =
        target.protocol() == Protocol.KUBERNETES
            ? classifier.classify(exchange.method(), path.segments(), query, upgrade)
            : null;
    return new ProxyRequest(exchange.method(), path.matchPath(), query, kubernetes, upgrade);
  }

  private static ProxyCaller caller(ProxyExchange exchange) {
    HeaderList headers = exchange.requestHeaders();
    String token = null;
    List<String> authorization = headers.all("Authorization");
    if (authorization.size() == 1 && authorization.get(0).regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.get(0).substring(7).trim();
    }
    return new ProxyCaller(
        token, exchange.remoteAddress(), headers, "https".equalsIgnoreCase(exchange.scheme()));
  }

  /** Before the connection is known: answer Kubernetes-shaped paths in Kubernetes' format. */
  private static boolean looksLikeKubernetes(ProxyPath path) {
    List<String> s = path.segments();
    return !s.isEmpty() && (s.get(0).equals("api") || s.get(0).equals("apis"));
  }

  private static void log(ProxyTarget target, ProxyRequest request, ProxyDecision decision) {
    LOG.info(
        () ->
            who(target)
                + " "
                + request.describe()
                + " -> "
                + decision.action().name().toLowerCase(java.util.Locale.ROOT)
                + (decision.ruleId() == null ? "" : " (rule " + decision.ruleId() + ")"));
  }

  private static String who(ProxyTarget target) {
    return target == null
        ? "[unresolved]"
        : "session="
            + target.sessionId()
            + " identity="
            + target.identity()
            + " connection="
            + target.connection();
  }
}
