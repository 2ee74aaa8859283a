package io.gatehouse.web.proxy;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.http.HeaderHygiene;
import io.gatehouse.http.HeaderList;
import io.gatehouse.http.ProxyPath;
import io.gatehouse.http.json.JsonMaskPlan;
import io.gatehouse.http.kubernetes.KubernetesAccept;
import io.gatehouse.http.kubernetes.KubernetesRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends an allowed request to its target with the gateway's credential and relays the answer,
 * streaming both bodies. A target that refuses the gateway's own credential (401, 407) is the
 * gateway's problem, not the caller's: 502. A response that must be masked but is not JSON is
 * refused (502), never passed through.
 */
final class UpstreamForwarder {

  private static final Logger LOG = Logger.getLogger(UpstreamForwarder.class.getName());

  private final ProxySettings settings;
  private final UpstreamClients clients;
  private final ResponseRelay relay;

  UpstreamForwarder(ProxySettings settings) {
    this.settings = settings;
    this.clients = new UpstreamClients(settings.connectTimeout());
    this.relay = new ResponseRelay(settings.maxWatchEventBytes());
  }

  void forward(
      ProxyExchange exchange,
      ProxyTarget target,
      ProxyPath path,
      ProxyRequest request,
      ProxyDecision decision,
      java.util.function.Function<java.util.function.Consumer<String>, AutoCloseable> onTerminate)
      throws IOException {
    boolean kubernetes = target.protocol() == Protocol.KUBERNETES;
    HttpResponse<InputStream> response;
    // A hard deadline of our own: the client's timer does not free a thread stuck pulling a
    // slow request body from the caller.
    CompletableFuture<HttpResponse<InputStream>> pending =
        clients
            .forTarget(target)
            .sendAsync(build(exchange, target, path), HttpResponse.BodyHandlers.ofInputStream());
    try {
      response = pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      Refusals.write(exchange, 504, "the target did not answer in time", null, kubernetes);
      return;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException) {
        Refusals.write(exchange, 504, "the target did not answer in time", null, kubernetes);
      } else {
        LOG.log(Level.INFO, "target " + target.connection() + " unreachable: " + e.getCause());
        Refusals.write(exchange, 502, "the target cannot be reached", null, kubernetes);
      }
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the target", e);
    }
    java.util.concurrent.atomic.AtomicReference<String> cut =
        new java.util.concurrent.atomic.AtomicReference<>();
    try (InputStream body = response.body();
        Watch watch =
            new Watch(
                onTerminate.apply(
                    reason -> {
                      // Closing the upstream body unblocks the relay's read at once.
                      if (cut.compareAndSet(null, reason)) {
                        closeQuietly(body);
                      }
                    }))) {
      respond(exchange, target, request, decision, response, body);
    } catch (IOException e) {
      if (cut.get() == null) {
        throw e;
      }
      // The session was ended from outside (a watch under a revoked grant): the response ends
      // here, normally, so the client's next request is refused with the reason.
      LOG.info(
          () -> "session=" + target.sessionId() + " " + request.describe() + " cut: " + cut.get());
    }
  }

  /** The termination watch of one response, forgotten when the response is done. */
  private record Watch(AutoCloseable handle) implements AutoCloseable {
    @Override
    public void close() {
      try {
        handle.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "could not forget a termination watch", e);
      }
    }
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing a cut response body", e);
    }
  }

  private HttpRequest build(ProxyExchange exchange, ProxyTarget target, ProxyPath path)
      throws IOException {
    String base = target.baseUri().toString().replaceAll("/+$", "");
    String query = exchange.rawQuery() == null ? "" : "?" + exchange.rawQuery();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path.forwardPath() + query))
            .timeout(settings.requestTimeout());
    HeaderList caller = exchange.requestHeaders();
    HeaderList headers =
        settings
            .hygiene()
            .toUpstream(
                caller,
                new HeaderHygiene.Forwarding(
                    exchange.remoteAddress(),
                    exchange.scheme(),
                    caller.first("Host").orElse(null),
                    path.prefix(settings.mount())),
                false);
    if (target.protocol() == Protocol.KUBERNETES) {
      headers.set("Accept", KubernetesAccept.forceJson(caller.first("Accept").orElse(null)));
    }
    target.credential().apply(headers);
    for (HeaderList.Field f : headers.fields()) {
      builder.header(f.name(), f.value());
    }
    return builder.method(exchange.method(), body(exchange, caller)).build();
  }

  private static HttpRequest.BodyPublisher body(ProxyExchange exchange, HeaderList headers)
      throws IOException {
    long length =
        headers
            .first("Content-Length")
            .map(v -> Long.parseLong(v.split(",")[0].trim()))
            .orElse(-1L);
    if (length == 0 || (length < 0 && !headers.has("Transfer-Encoding"))) {
      return HttpRequest.BodyPublishers.noBody();
    }
    InputStream in = exchange.requestBody();
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> in);
    return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
  }

  private void respond(
      ProxyExchange exchange,
      ProxyTarget target,
      ProxyRequest request,
      ProxyDecision decision,
      HttpResponse<InputStream> response,
      InputStream body)
      throws IOException {
    boolean kubernetes = target.protocol() == Protocol.KUBERNETES;
    int status = response.statusCode();
    if (status == 401 || status == 407) {
      LOG.warning(() -> "target " + target.connection() + " refused the gateway's credential");
      Refusals.write(
          exchange,
          502,
          "the target refused the gateway's credential for this connection",
          null,
          kubernetes);
      return;
    }
    HeaderList headers = new HeaderList();
    for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
      e.getValue().forEach(v -> headers.add(e.getKey(), v));
    }
    String contentType = headers.first("Content-Type").orElse(null);
    // The gateway asked a Kubernetes API server for JSON; an untyped answer is parsed as JSON
    // (and fails loudly if it is not).
    boolean json = ResponseRelay.isJson(contentType) || (kubernetes && contentType == null);
    KubernetesRequest k = request.kubernetes();
    boolean secrets = k != null && k.resource().equals("secrets") && k.apiGroup().isEmpty();
    JsonMaskPlan plan =
        kubernetes
            ? JsonMaskPlan.kubernetes(secrets, decision.maskPaths(), decision.masker())
            : JsonMaskPlan.of(decision.maskPaths(), false, decision.masker());
    if (decision.contentMasker() != null) {
      plan = plan.withContentMasker(decision.contentMasker());
    }
    boolean hasBody = !request.method().equalsIgnoreCase("HEAD") && status != 204 && status != 304;
    boolean mustMask = secrets || decision.masks();
    // Only the policy's detectors apply to text (logs); JSON paths and Secrets need JSON.
    boolean maskText =
        !json
            && decision.contentMasker() != null
            && !secrets
            && decision.maskPaths().isEmpty()
            && ResponseRelay.isText(contentType);
    if (mustMask && hasBody && !json && !maskText && status < 300) {
      Refusals.write(
          exchange, 502, "the target's answer is not JSON and cannot be masked", null, kubernetes);
      return;
    }
    boolean stream = ResponseRelay.isStream(contentType, k != null && k.verb().equals("watch"));
    OutputStream out =
        exchange.respond(status, settings.hygiene().toCaller(headers, false), hasBody);
    if (hasBody) {
      try (out) {
        if (maskText) {
          relay.relayText(body, out, decision.contentMasker());
        } else {
          relay.relay(body, out, plan, json, stream);
        }
      } catch (IOException e) {
        LOG.log(
            Level.INFO,
            "relay of "
                + request.describe()
                + " on "
                + target.connection()
                + " ended: "
                + e.getMessage());
        throw e;
      }
    }
  }
}
