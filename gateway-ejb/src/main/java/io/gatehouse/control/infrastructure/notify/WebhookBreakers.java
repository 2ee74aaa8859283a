package io.gatehouse.control.infrastructure.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per webhook URL, in front of the sender: after {@link #FAILURES_TO_OPEN}
 * failed deliveries in a row (each already retried), the URL is left alone for {@link #OPEN}, and
 * its rows are postponed without counting a try. Then one delivery is let through (half open): a
 * success closes the breaker, a failure opens it again. MicroProfile Fault Tolerance keeps one
 * breaker per method, which would let one dead webhook hold back every other policy's posts.
 */
@ApplicationScoped
public class WebhookBreakers {

  static final int FAILURES_TO_OPEN = 2;
  static final Duration OPEN = Duration.ofSeconds(30);

  private record State(int failures, Instant openUntil) {}

  private final Map<String, State> states = new ConcurrentHashMap<>();

  /** Whether a delivery to {@code url} may be tried at {@code now}. */
  public boolean allows(String url, Instant now) {
    State state = states.get(url);
    return state == null || state.openUntil() == null || !now.isBefore(state.openUntil());
  }

  /** When the breaker of {@code url} lets a try through again (now when it is closed). */
  public Instant retryAt(String url, Instant now) {
    State state = states.get(url);
    return state == null || state.openUntil() == null || now.isAfter(state.openUntil())
        ? now
        : state.openUntil();
  }

  public void succeeded(String url) {
    states.remove(url);
  }

  /** Counts a failed delivery; true when the breaker (re)opened. */
  public boolean failed(String url, Instant now) {
    State next =
        states.compute(
            url,
            (k, s) -> {
              int failures = s == null ? 1 : s.failures() + 1;
              return new State(failures, failures >= FAILURES_TO_OPEN ? now.plus(OPEN) : null);
            });
    return next.openUntil() != null;
  }
}
