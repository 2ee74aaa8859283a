package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A watch whose session is ended from outside (its grant revoked) ends at once, instead of running
 * on until the session's maximum age.
 */
class WatchTerminationTest {

  /** Records nothing; hands out the termination hook of the one response it is asked about. */
  static final class Hooked implements ProxyRecorder {
    final CompletableFuture<Consumer<String>> stop = new CompletableFuture<>();
    final AtomicInteger forgotten = new AtomicInteger();

    @Override
    public void requested(ProxyTarget target, ProxyRequest request, ProxyDecision decision) {}

    @Override
    public void completed(
        ProxyTarget target, ProxyRequest request, ProxyDecision decision, ProxyOutcome outcome) {}

    @Override
    public AutoCloseable watchTermination(ProxyTarget target, Consumer<String> hook) {
      stop.complete(hook);
      return forgotten::incrementAndGet;
    }
  }

  @Test
  void aWatchIsCutWhenItsSessionIsEndedFromOutside() throws Exception {
    Hooked recorder = new Hooked();
    try (FakeApiServer api = new FakeApiServer();
        JdkProxyServer proxy =
            new JdkProxyServer(
                new ProxyCore(
                    api.access(), new RuleListPolicy(), recorder, ProxySettings.defaults()),
                null)) {
      HttpResponse<InputStream> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              proxy.url("kind-test")
                                  + "/api/v1/namespaces/default/secrets?watch=true"))
                      .header("Authorization", "Bearer good-token")
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, response.statusCode());
      api.watchEvents.add(FakeApiServer.secretEvent("ADDED", "first", "2", "c2VjcmV0MQ=="));
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String first = lines.readLine();
        assertNotNull(first);
        assertTrue(first.contains("\"first\""), first);
        // The target stays silent from here on; the grant is revoked.
        long start = System.nanoTime();
        recorder.stop.get(5, TimeUnit.SECONDS).accept("grant g-1 was revoked");
        String rest;
        while ((rest = lines.readLine()) != null) {
          assertTrue(!rest.contains("c2VjcmV0"), rest);
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 5000, "the watch ended " + tookMillis + " ms after the cut");
      }
      for (int i = 0; i < 50 && recorder.forgotten.get() == 0; i++) {
        Thread.sleep(20);
      }
      assertEquals(1, recorder.forgotten.get(), "the hook is forgotten once the response ends");
    }
  }
}
