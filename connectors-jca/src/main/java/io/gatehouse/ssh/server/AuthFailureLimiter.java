package io.gatehouse.ssh.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per source address that only failures drain: a source may fail {@code burst}
 * times, then every attempt is refused (even with a good token) until it regains one attempt per
 * {@code refill}. Successes do not refill, so one valid token cannot cover for guessing.
 */
public final class AuthFailureLimiter {

  private static final int PRUNE_THRESHOLD = 10_000;

  private final int burst;
  private final long refillNanos;
  private final LongSupplier nanoClock;
  private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

  public AuthFailureLimiter(int burst, Duration refill) {
    this(burst, refill, System::nanoTime);
  }

  AuthFailureLimiter(int burst, Duration refill, LongSupplier nanoClock) {
    if (burst < 1 || refill.isNegative() || refill.isZero()) {
      throw new IllegalArgumentException("burst must be >= 1 and refill positive");
    }
    this.burst = burst;
    this.refillNanos = refill.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Whether this source must be refused without checking its credentials. */
  public boolean isBlocked(InetAddress source) {
    Bucket bucket = buckets.get(source);
    return bucket != null && bucket.tokens(nanoClock.getAsLong()) < 1.0;
  }

  /** How long until a blocked source may try again (zero when not blocked). */
  public Duration retryAfter(InetAddress source) {
    Bucket bucket = buckets.get(source);
    if (bucket == null) {
      return Duration.ZERO;
    }
    double missing = 1.0 - bucket.tokens(nanoClock.getAsLong());
    return missing <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(missing * refillNanos));
  }

  public void recordFailure(InetAddress source) {
    if (buckets.size() > PRUNE_THRESHOLD) {
      long now = nanoClock.getAsLong();
      buckets.values().removeIf(b -> b.tokens(now) >= burst);
    }
    buckets.compute(
        source,
        (k, b) ->
            (b == null ? new Bucket(burst, nanoClock.getAsLong()) : b).take(nanoClock.getAsLong()));
  }

  private final class Bucket {
    private double tokens;
    private long stamp;

    Bucket(double tokens, long stamp) {
      this.tokens = tokens;
      this.stamp = stamp;
    }

    synchronized double tokens(long now) {
      tokens = Math.min(burst, tokens + (double) (now - stamp) / refillNanos);
      stamp = now;
      return tokens;
    }

    synchronized Bucket take(long now) {
      tokens = Math.max(0, tokens(now) - 1);
      return this;
    }
  }
}
