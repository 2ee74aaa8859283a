package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.ReviewTicket;
import io.gatehouse.http.HttpCriteria;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code review} rule holds the HTTP request open while the review is pending: the target sees
 * nothing until the review is approved; rejection and expiry answer 403 naming the review.
 */
class ProxyReviewHoldTest {

  /** A review service the test decides by hand, with per-review deadlines. */
  static final class HandReviews implements ProxyReviews {
    final Map<String, ReviewTicket> tickets = new ConcurrentHashMap<>();
    final Map<String, String> subjects = new ConcurrentHashMap<>();
    final AtomicInteger ids = new AtomicInteger();
    volatile Duration window = Duration.ofSeconds(30);

    @Override
    public ReviewTicket request(ProxyTarget target, String subject, String ruleId) {
      String id = "rv-" + ids.incrementAndGet();
      ReviewTicket t =
          new ReviewTicket(id, ReviewTicket.State.PENDING, Instant.now().plus(window), null, null);
      tickets.put(id, t);
      subjects.put(id, subject);
      return t;
    }

    @Override
    public ReviewTicket status(String reviewId) {
      return tickets.get(reviewId);
    }

    void decide(String id, ReviewTicket.State state, String by, String comment) {
      ReviewTicket t = tickets.get(id);
      tickets.put(id, new ReviewTicket(id, state, t.decideBy(), by, comment));
    }

    String awaitNext(int n) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      // The id is counted before its ticket is stored: wait for the ticket itself.
      while (!tickets.containsKey("rv-" + n) && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      return "rv-" + n;
    }
  }

  private static Upstream upstream;
  private static JdkProxyServer proxy;
  private static final HandReviews reviews = new HandReviews();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    upstream = new Upstream();
    InMemoryProxyAccess access =
        new InMemoryProxyAccess()
            .token("good-token", "alice", "svc")
            .connection(
                new ProxyTarget(
                    "svc",
                    Protocol.HTTP,
                    upstream.uri(),
                    new TargetCredential.Bearer("target-token"),
                    null,
                    null,
                    null));
    RuleListPolicy policy =
        new RuleListPolicy()
            .review(
                "review-payments",
                HttpCriteria.of(List.of("POST"), List.of("/payments/**")),
                "payments need a second pair of eyes");
    proxy =
        new JdkProxyServer(
            new ProxyCore(access, policy, ProxyRecorder.NONE, reviews, ProxySettings.defaults()));
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  private static CompletableFuture<HttpResponse<String>> post(String path) {
    return CLIENT.sendAsync(
        HttpRequest.newBuilder(URI.create(proxy.url("svc") + path))
            .header("Authorization", "Bearer good-token")
            .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":5}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anApprovedRequestIsForwardedOnlyAfterTheApproval() throws Exception {
    int n = reviews.ids.get() + 1;
    CompletableFuture<HttpResponse<String>> pending = post("/payments/approve-me");
    String id = reviews.awaitNext(n);
    Thread.sleep(600);
    assertFalse(pending.isDone(), "the caller waits while the review is pending");
    assertFalse(upstream.seen.containsKey("/base/payments/approve-me"), "nothing forwarded yet");
    assertEquals("POST /payments/approve-me", reviews.subjects.get(id), "the review's subject");
    reviews.decide(id, ReviewTicket.State.APPROVED, "bob", null);
    HttpResponse<String> r = pending.get(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "{\"amount\":5}", upstream.seen.get("/base/payments/approve-me").body(), "body forwarded");
  }

  @Test
  void aRejectedRequestIs403NamingTheReviewAndNeverForwarded() throws Exception {
    int n = reviews.ids.get() + 1;
    CompletableFuture<HttpResponse<String>> pending = post("/payments/reject-me");
    String id = reviews.awaitNext(n);
    reviews.decide(id, ReviewTicket.State.REJECTED, "carol", "not today");
    HttpResponse<String> r = pending.get(10, TimeUnit.SECONDS);
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(r.body().contains("review " + id + " was rejected by carol (not today)"), r.body());
    assertTrue(r.body().contains("\"rule\":\"review-payments\""), r.body());
    assertFalse(upstream.seen.containsKey("/base/payments/reject-me"), "not forwarded");
  }

  @Test
  void theCallersTimeoutEndsTheWaitSoALaterApprovalRunsNothing() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r = post("/payments/impatient?timeout=2s").get(15, TimeUnit.SECONDS);
    assertEquals(504, r.statusCode(), r.body());
    assertTrue(r.body().contains("the request's timeout has passed"), r.body());
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "before the 30 s review window");
    assertFalse(upstream.seen.containsKey("/base/payments/impatient"), "not forwarded");
  }

  @Test
  void goDurationsBoundTheWait() {
    Instant now = Instant.parse("2026-12-03T06:00:00Z");
    assertEquals(now.plusSeconds(19), deadline("20s", now));
    assertEquals(now.plusSeconds(89), deadline("1m30s", now));
    assertEquals(now.plusMillis(500), deadline("1.5s", now));
    assertEquals(now.plusSeconds(3599), deadline("1h", now));
    assertEquals(null, deadline("soon", now), "not a duration: no bound");
    assertEquals(null, deadline("20s;", now));
  }

  private static Instant deadline(String timeout, Instant now) {
    return ReviewHold.callerDeadline(
        new ProxyRequest("POST", "/x", Map.of("timeout", List.of(timeout)), null, false), now);
  }

  @Test
  void aReviewNobodyDecidesTimesOutWith403() throws Exception {
    reviews.window = Duration.ofMillis(300);
    try {
      long start = System.nanoTime();
      HttpResponse<String> r = post("/payments/forgotten").get(15, TimeUnit.SECONDS);
      assertEquals(403, r.statusCode(), r.body());
      assertTrue(r.body().contains("timed out without a decision"), r.body());
      assertTrue(
          System.nanoTime() - start < TimeUnit.SECONDS.toNanos(6), "bounded by the review's time");
      assertFalse(upstream.seen.containsKey("/base/payments/forgotten"), "not forwarded");
    } finally {
      reviews.window = Duration.ofSeconds(30);
    }
  }
}
