package io.gatehouse.ssh.gateway;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.ra.LiveSessions;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolShipper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/** A gateway for tests: one good token, plans from the test, no reviews, outcomes dropped. */
final class TokenGateway {

  private TokenGateway() {}

  static SshGateway start(
      Path work,
      String token,
      Function<AccessRequest, SessionPlan> plans,
      EventSpool spool,
      SpoolShipper shipper,
      ScheduledExecutorService timers,
      Clock clock)
      throws IOException {
    return SshGateway.start(
        new SshGateway.Settings("127.0.0.1", 0, work.resolve("hostkeys")),
        request -> {
          if (!token.equals(request.accessToken())) {
            throw new AccessDeniedException(
                AccessDeniedException.Reason.INVALID_CREDENTIAL, "bad token");
          }
          return plans.apply(request);
        },
        null,
        outcome -> {},
        spool,
        shipper,
        timers,
        new LiveSessions(),
        clock,
        null);
  }
}
