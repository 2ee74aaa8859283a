package io.gatehouse.web.proxy;

import io.gatehouse.http.HeaderHygiene;
import java.time.Duration;

/**
 * Tunables of the proxy core.
 *
 * @param mount where the proxy is mounted, {@code /proxy}
 * @param connectTimeout for opening a connection to the target
 * @param requestTimeout from sending the request (body included) to the target's response headers;
 *     bounds a slow request body too. Streamed response bodies (watch, logs) are not bounded.
 * @param maxWatchEventBytes the largest single masked watch event
 * @param hygiene header limits
 * @param relayUpgrades relay allowed protocol switches (exec, attach, port-forward, WebSocket); on
 *     by default (proven on Liberty by {@code KubectlExecIT}). Off: allowed switches are answered
 *     501.
 */
public record ProxySettings(
    String mount,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxWatchEventBytes,
    HeaderHygiene hygiene,
    boolean relayUpgrades) {

  public static ProxySettings defaults() {
    return new ProxySettings(
        "/proxy",
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        16 * 1024 * 1024,
        HeaderHygiene.defaults(),
        true);
  }

  public ProxySettings withRequestTimeout(Duration timeout) {
    return new ProxySettings(
        mount, connectTimeout, timeout, maxWatchEventBytes, hygiene, relayUpgrades);
  }

  public ProxySettings withUpgradeRelay(boolean relay) {
    return new ProxySettings(
        mount, connectTimeout, requestTimeout, maxWatchEventBytes, hygiene, relay);
  }
}
