package io.gatehouse.control.infrastructure.notify;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * One JSON {@code POST} to a webhook. A try is bounded by {@code gatehouse.notify.timeout.seconds}
 * (connect and answer); a failed one is retried twice at once (MicroProfile Fault Tolerance
 * {@code @Retry}, short jittered delay). The circuit breaker is not a MicroProfile
 * {@code @CircuitBreaker}: that keeps one breaker per method, so one dead webhook would open it for
 * every policy's posts; {@link WebhookBreakers} keeps one per URL, in front of this call. Redirects
 * are not followed. Later tries, with longer backoff, are the outbox sweeper's.
 */
@ApplicationScoped
public class WebhookSender {

  @Inject
  @ConfigProperty(name = "gatehouse.notify.timeout.seconds", defaultValue = "5")
  long timeoutSeconds;

  private HttpClient client;

  @PostConstruct
  void init() {
    client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(timeoutSeconds))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Posts {@code json}; returns the HTTP status.
   *
   * @throws WebhookException on a non-2xx answer, a timeout or a network failure
   */
  @Retry(maxRetries = 2, delay = 300, jitter = 100, retryOn = WebhookException.class)
  @Timeout(value = 60, unit = ChronoUnit.SECONDS)
  @Bulkhead(4)
  public int post(URI url, String json) throws WebhookException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(timeoutSeconds))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Gatehouse-Webhook/1")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new WebhookException(url.getHost() + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookException(url.getHost() + ": interrupted", e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      String body = response.body() == null ? "" : response.body().strip();
      throw new WebhookException(
          url.getHost()
              + " answered HTTP "
              + status
              + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
    }
    return status;
  }

  private static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
  }
}
