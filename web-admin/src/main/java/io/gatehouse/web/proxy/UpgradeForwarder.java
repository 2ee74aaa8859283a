package io.gatehouse.web.proxy;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.http.HeaderHygiene;
import io.gatehouse.http.HeaderList;
import io.gatehouse.http.ProxyPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards an allowed protocol switch ({@code kubectl exec/attach/port-forward} over WebSocket or
 * SPDY) and, on the target's 101, relays bytes both ways. Any other answer is passed back as is (an
 * API server without WebSocket support answers 4xx and kubectl falls back to SPDY), except that a
 * refusal of the gateway's credential becomes 502. exec and attach streams are recorded and masked
 * ({@link ExecStreamTap}); other switched streams are relayed unchanged.
 */
final class UpgradeForwarder {

  private static final Logger LOG = Logger.getLogger(UpgradeForwarder.class.getName());
  private static final int MAX_REFUSAL_BODY = 64 * 1024;

  private final ProxySettings settings;
  private final UpgradeDialer dialer;

  UpgradeForwarder(ProxySettings settings) {
    this.settings = settings;
    this.dialer = new UpgradeDialer(settings.connectTimeout(), settings.requestTimeout());
  }

  void forward(
      ProxyExchange exchange,
      ProxyTarget target,
      ProxyPath path,
      ProxyRequest request,
      ProxyDecision decision,
      ProxyRecorder recorder)
      throws IOException {
    boolean kubernetes = target.protocol() == Protocol.KUBERNETES;
    if (!settings.relayUpgrades() || !exchange.canSwitchProtocols()) {
      Refusals.write(
          exchange,
          501,
          "streaming sessions (exec, attach, port-forward, WebSocket) are not supported"
              + " by the gateway yet",
          null,
          kubernetes);
      return;
    }
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
                true);
    target.credential().apply(headers);
    String query = exchange.rawQuery() == null ? "" : "?" + exchange.rawQuery();
    UpgradeDialer.Answer answer;
    try {
      answer = dialer.dial(target, exchange.method(), path.forwardPath() + query, headers);
    } catch (SocketTimeoutException e) {
      Refusals.write(exchange, 504, "the target did not answer in time", null, kubernetes);
      return;
    } catch (IOException e) {
      LOG.log(Level.INFO, "target " + target.connection() + " unreachable: " + e.getMessage());
      Refusals.write(exchange, 502, "the target cannot be reached", null, kubernetes);
      return;
    }
    if (answer.status() == 101) {
      exchange.switchProtocols(
          settings.hygiene().toCaller(answer.headers(), true),
          new ByteRelay(
              answer.socket(),
              answer.in(),
              target.sessionId() + " " + target.connection() + " " + request.describe(),
              tap(request, answer.headers(), decision, () -> recorder.stream(target, request))));
      return;
    }
    try {
      passBack(exchange, target, answer, kubernetes);
    } finally {
      answer.socket().close();
    }
  }

  /**
   * Records and masks exec and attach streams in a binary channel protocol; other switched streams
   * (port-forward, plain WebSocket services) pass unchanged.
   */
  static RelayTap tap(
      ProxyRequest request,
      HeaderList answer,
      ProxyDecision decision,
      java.util.function.Supplier<StreamRecording> recording) {
    String protocol = answer.first("Sec-WebSocket-Protocol").orElse("").trim();
    boolean terminal =
        request.kubernetes() != null
            && request.kubernetes().resourceRequest()
            && (request.kubernetes().subresource().equals("exec")
                || request.kubernetes().subresource().equals("attach"));
    if (!terminal || !ExecStreamTap.CHANNEL_PROTOCOLS.contains(protocol)) {
      return RelayTap.NONE;
    }
    String command =
        request.kubernetes().subresource().equals("attach")
            ? "attach"
            : String.join(" ", request.query().getOrDefault("command", java.util.List.of()));
    return new ExecStreamTap(recording.get(), decision.contentMasker(), command);
  }

  private void passBack(
      ProxyExchange exchange, ProxyTarget target, UpgradeDialer.Answer answer, boolean kubernetes)
      throws IOException {
    if (answer.status() == 401 || answer.status() == 407) {
      LOG.warning(() -> "target " + target.connection() + " refused the gateway's credential");
      Refusals.write(
          exchange,
          502,
          "the target refused the gateway's credential for this connection",
          null,
          kubernetes);
      return;
    }
    long length =
        answer.headers().first("Content-Length").map(v -> Long.parseLong(v.trim())).orElse(0L);
    byte[] body = readUpTo(answer.in(), (int) Math.min(length, MAX_REFUSAL_BODY));
    try (OutputStream out =
        exchange.respond(
            answer.status(),
            settings.hygiene().toCaller(answer.headers(), false),
            body.length > 0)) {
      out.write(body);
    }
  }

  private static byte[] readUpTo(InputStream in, int length) throws IOException {
    return in.readNBytes(length);
  }
}
