package io.gatehouse.web.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl get secrets -w} through the proxy: events arrive one by one, masked. */
class KubectlWatchThroughProxyTest {

  @TempDir Path home;

  @Test
  void watchEventsReachKubectlOneByOneWithSecretDataMasked() throws Exception {
    assumeTrue(Files.isExecutable(Kubectl.BINARY), "kubectl is not installed");
    try (FakeApiServer api = new FakeApiServer();
        JdkProxyServer proxy =
            new JdkProxyServer(
                new ProxyCore(api.access(), new RuleListPolicy(), ProxySettings.defaults()),
                TestTls.selfSigned(home))) {
      Kubectl.Running watch =
          new Kubectl(proxy.url("kind-test"), home)
              .start("good-token", "get", "secrets", "-n", "default", "-w", "-o", "json");
      api.watchEvents.add(FakeApiServer.secretEvent("ADDED", "first", "2", "c2VjcmV0MQ=="));
      waitFor(watch, "\"first\"");
      assertFalse(watch.stdoutSoFar().contains("\"second\""), "second event not sent yet");
      api.watchEvents.add(FakeApiServer.secretEvent("MODIFIED", "second", "3", "c2VjcmV0Mg=="));
      waitFor(watch, "\"second\"");
      api.watchEvents.add("END");
      Kubectl.Result result = watch.finish(30);
      assertFalse(result.stdout().contains("c2VjcmV0"), "secret data masked: " + result);
      assertTrue(
          result.stdout().contains("\"password\": \"****\""), "masked value shown: " + result);
    }
  }

  private static void waitFor(Kubectl.Running running, String text) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!running.stdoutSoFar().contains(text)) {
      assertTrue(
          System.nanoTime() < deadline,
          "kubectl printed " + text + " in time: " + running.stdoutSoFar());
      Thread.sleep(50);
    }
  }
}
