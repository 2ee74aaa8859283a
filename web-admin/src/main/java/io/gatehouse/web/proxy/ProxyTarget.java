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
 * @param tlsMode the connection's {@code tls.mode} for an {@code https://} target ({@link
 *     TargetTls}): {@code verify-full} (also when null), {@code verify-ca}, {@code require}
 */
public record ProxyTarget(
    String connection,
    Protocol protocol,
    URI baseUri,
    TargetCredential credential,
    String caPem,
    String identity,
    String sessionId,
    String tlsMode) {

  /** A target verified in full ({@code verify-full}). */
  public ProxyTarget(
      String connection,
      Protocol protocol,
      URI baseUri,
      TargetCredential credential,
      String caPem,
      String identity,
      String sessionId) {
    this(connection, protocol, baseUri, credential, caPem, identity, sessionId, "verify-full");
  }

  public ProxyTarget {
    TargetTls.Mode mode = TargetTls.Mode.of(tlsMode);
    boolean https = "https".equalsIgnoreCase(baseUri.getScheme());
    if (https && mode == TargetTls.Mode.DISABLE) {
      throw new IllegalArgumentException(
          "the target URL is https:// but tls.mode is disable; use http:// or a TLS mode");
    }
    if (!https && credential instanceof TargetCredential.ClientCertificate) {
      throw new IllegalArgumentException("a client certificate needs an https:// target URL");
    }
  }

  /**
   * From the control plane's target description ({@code secretKind} {@code token}, as the control
   * plane names it, or {@code bearer-token}; {@code password}; {@code clientKey}: the client
   * certificate PEM and its key PEM in the secret; none).
   *
   * @throws IllegalArgumentException for a credential or TLS setting the proxy cannot use
   */
  public static ProxyTarget of(
      String connection, Protocol protocol, TargetSpec spec, String identity, String sessionId) {
    TargetCredential credential =
        switch (spec.secretKind() == null ? "" : spec.secretKind()) {
          case "token", "bearer-token" -> new TargetCredential.Bearer(spec.secret());
          case "password" -> new TargetCredential.Basic(spec.username(), spec.secret());
          case "clientKey", "client-certificate" ->
              TargetCredential.ClientCertificate.fromPem(spec.secret());
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
        sessionId,
        spec.tlsMode());
  }
}
