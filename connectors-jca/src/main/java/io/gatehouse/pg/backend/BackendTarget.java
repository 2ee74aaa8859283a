package io.gatehouse.pg.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and as whom to connect. {@code extraParameters} go into the StartupMessage after user,
 * database and {@code application_name=gatehouse} (which they may override). {@code caCertificate}
 * (PEM, may hold several certificates) is required for the verifying TLS modes.
 */
public record BackendTarget(
    String host,
    int port,
    String database,
    String user,
    TlsMode tlsMode,
    Path caCertificate,
    Duration connectTimeout,
    Duration handshakeTimeout,
    boolean allowCleartextWithoutTls,
    Map<String, String> extraParameters) {

  public BackendTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(tlsMode, "tlsMode");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (tlsMode.verifiesChain() && caCertificate == null) {
      throw new IllegalArgumentException(tlsMode + " needs a CA certificate");
    }
    extraParameters = Collections.unmodifiableMap(new LinkedHashMap<>(extraParameters));
  }

  /** Plain TCP, 5 s connect timeout, 10 s for TLS and authentication, no extra parameters. */
  public static BackendTarget of(String host, int port, String database, String user) {
    return new BackendTarget(
        host,
        port,
        database,
        user,
        TlsMode.DISABLE,
        null,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        false,
        Map.of());
  }

  public BackendTarget withTls(TlsMode mode, Path ca) {
    return new BackendTarget(
        host,
        port,
        database,
        user,
        mode,
        ca,
        connectTimeout,
        handshakeTimeout,
        allowCleartextWithoutTls,
        extraParameters);
  }

  public BackendTarget withTimeouts(Duration connect, Duration handshake) {
    return new BackendTarget(
        host,
        port,
        database,
        user,
        tlsMode,
        caCertificate,
        connect,
        handshake,
        allowCleartextWithoutTls,
        extraParameters);
  }

  /** Permit sending a cleartext password over plain TCP (tests, loopback targets). */
  public BackendTarget withCleartextWithoutTls(boolean allow) {
    return new BackendTarget(
        host,
        port,
        database,
        user,
        tlsMode,
        caCertificate,
        connectTimeout,
        handshakeTimeout,
        allow,
        extraParameters);
  }

  public BackendTarget withExtraParameters(Map<String, String> parameters) {
    return new BackendTarget(
        host,
        port,
        database,
        user,
        tlsMode,
        caCertificate,
        connectTimeout,
        handshakeTimeout,
        allowCleartextWithoutTls,
        parameters);
  }

  @Override
  public String toString() {
    return user + "@" + host + ":" + port + "/" + database + " (tls " + tlsMode + ")";
  }
}
