package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.recording.EventSpool;
import io.gatehouse.recording.SpoolShipper;
import io.gatehouse.ssh.testing.InProcessTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A gateway for tests with one good token, one policy and identity for every session, and a real
 * spool whose events are shipped into memory; {@link #events} waits for a session's recording.
 */
final class RecordingGateway implements AutoCloseable {

  private final EventSpool spool;
  private final SpoolShipper shipper;
  private final SshGateway gateway;
  private final List<RecordedEvent> stored = new CopyOnWriteArrayList<>();
  private final List<String> sessions = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  /**
   * @param targets the target of each session, by its request
   */
  RecordingGateway(
      Path work,
      String token,
      String identity,
      Set<String> groups,
      String policyName,
      String policy,
      Function<AccessRequest, TargetSpec> targets)
      throws IOException {
    this(work, token, identity, groups, request -> policyName, request -> policy, targets);
  }

  /**
   * @param policyNames the policy name of each session, by its request
   * @param policies the policy document of each session, by its request
   */
  RecordingGateway(
      Path work,
      String token,
      String identity,
      Set<String> groups,
      Function<AccessRequest, String> policyNames,
      Function<AccessRequest, String> policies,
      Function<AccessRequest, TargetSpec> targets)
      throws IOException {
    spool = EventSpool.open(work.resolve("spool"), false);
    shipper =
        new SpoolShipper(spool, stored::addAll, 500, Duration.ofMillis(50), Clock.systemUTC());
    gateway =
        TokenGateway.start(
            work,
            token,
            request -> {
              String id = UUID.randomUUID().toString();
              sessions.add(id);
              return new SessionPlan(
                  id,
                  identity,
                  groups,
                  request.connection(),
                  Protocol.SSH,
                  targets.apply(request),
                  policyNames.apply(request),
                  1,
                  policies.apply(request),
                  Instant.now().plusSeconds(3600),
                  null,
                  new byte[32]);
            },
            spool,
            shipper,
            timers,
            Clock.systemUTC());
  }

  /** The in-process target, logged in to with its test password. */
  static TargetSpec inProcess(InProcessTarget target) throws IOException {
    try {
      return new TargetSpec(
          "127.0.0.1",
          target.port(),
          null,
          null,
          "disable",
          null,
          target.hostKeyLine(),
          InProcessTarget.USER,
          InProcessTarget.PASSWORD,
          "password",
          1);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  int port() {
    return gateway.port();
  }

  String lastSession() {
    return sessions.get(sessions.size() - 1);
  }

  /** The events of a session, once it ended and its recording was shipped. */
  List<RecordedEvent> events(String sessionId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      shipper.shipOnce();
      List<RecordedEvent> events =
          stored.stream().filter(e -> e.sessionId().equals(sessionId)).toList();
      if (events.stream().anyMatch(e -> e.type().equals("session-end"))) {
        return events;
      }
      assertTrue(System.nanoTime() < deadline, "no session-end for " + sessionId + ": " + events);
      Thread.sleep(50);
    }
  }

  /** The events of the last session. */
  List<RecordedEvent> lastEvents() throws Exception {
    return events(lastSession());
  }

  @Override
  public void close() throws IOException {
    try {
      gateway.close();
    } finally {
      timers.shutdownNow();
      spool.close();
    }
  }
}
