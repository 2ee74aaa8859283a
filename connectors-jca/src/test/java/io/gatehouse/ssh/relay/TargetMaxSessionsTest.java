package io.gatehouse.ssh.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.ssh.testing.MinaUser;
import io.gatehouse.ssh.testing.SshdTestTarget;
import io.gatehouse.ssh.testing.TestGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One gateway session with more concurrent channels than the target's {@code MaxSessions} allows on
 * one connection: the relay opens a further target session instead of failing the channel.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TargetMaxSessionsTest {

  @TempDir Path dir;

  @Test
  void channelsBeyondMaxSessionsGoOverAnotherTargetSession() throws Exception {
    try (SshdTestTarget sshd = SshdTestTarget.start(2)) {
      TargetEndpoint target =
          new TargetEndpoint(
              "127.0.0.1",
              sshd.port(),
              SshdTestTarget.USER,
              TargetCredential.keyPair(sshd.clientKey()),
              sshd.hostKeyPin());
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try (TestGateway gateway = new TestGateway(dir.resolve("gw"), Map.of("t", target));
          MinaUser user = new MinaUser();
          ClientSession session = user.login(gateway.port(), "t", TestGateway.TOKEN)) {
        List<Future<MinaUser.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          String command = "sleep 2; echo channel" + i;
          runs.add(pool.submit(() -> MinaUser.exec(session, command, new byte[0])));
        }
        for (int i = 0; i < 3; i++) {
          MinaUser.Result result = runs.get(i).get(60, TimeUnit.SECONDS);
          assertEquals("channel" + i, result.outText().strip(), result.err());
          assertEquals(0, result.exit());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
