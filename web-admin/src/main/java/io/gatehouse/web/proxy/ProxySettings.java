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
 */
public record ProxySettings(
    String mount,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxWatchEventBytes,
    HeaderHygiene hygiene) {

  public static ProxySettings defaults() {
    return new ProxySettings(
        "/proxy",
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        16 * 1024 * 1024,
        HeaderHygiene.defaults());
  }

  public ProxySettings withRequestTimeout(Duration timeout) {
    return new ProxySettings(mount, connectTimeout, timeout, maxWatchEventBytes, hygiene);
  }
}
