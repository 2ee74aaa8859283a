package io.gatehouse.web.proxy;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.TargetSpec;
import java.net.URI;

/**
 * Where one proxied request goes, for whom.
 *
 * @param connection the connection name
 * @param protocol {@link Protocol#KUBERNETES} (requests are classified as Kubernetes API calls and
 *     Secrets masked) or {@link Protocol#HTTP}
 * @param baseUri the target's base URL; the path below {@code /proxy/{connection}} is appended
 * @param credential what the gateway injects
 * @param caPem PEM CA certificate(s) the target's TLS certificate must chain to; null: the JVM's
 *     trust store
 * @param identity who is calling, for logs and policy
 * @param sessionId names this request's session in logs and recordings
 */
public record ProxyTarget(
    String connection,
    Protocol protocol,
    URI baseUri,
    TargetCredential credential,
    String caPem,
    String identity,
    String sessionId) {

  /**
   * From the control plane's target description ({@code secretKind} {@code token}, as the control
   * plane names it, or {@code bearer-token}; {@code password}; none).
   */
  public static ProxyTarget of(
      String connection, Protocol protocol, TargetSpec spec, String identity, String sessionId) {
    TargetCredential credential =
        switch (spec.secretKind() == null ? "" : spec.secretKind()) {
          case "token", "bearer-token" -> new TargetCredential.Bearer(spec.secret());
          case "password" -> new TargetCredential.Basic(spec.username(), spec.secret());
          case "" -> new TargetCredential.None();
          default ->
              throw new IllegalArgumentException(
                  "secret kind " + spec.secretKind() + " is not supported by the HTTP proxy");
        };
    return new ProxyTarget(
        connection,
        protocol,
        URI.create(spec.url()),
        credential,
        spec.caPem(),
        identity,
        sessionId);
  }
}
