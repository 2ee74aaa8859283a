package io.gatehouse.control.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.GatewayAdminConnection;
import io.gatehouse.connector.api.LiveSessionInfo;
import io.gatehouse.control.domain.model.grant.Grant;
import io.gatehouse.control.domain.model.grant.GrantRepository;
import io.gatehouse.control.domain.model.identity.IdentityPublicKey;
import io.gatehouse.control.domain.model.identity.IdentityPublicKeyRepository;
import io.gatehouse.control.domain.model.identity.OpenSshPublicKey;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.Protocol;
import io.gatehouse.control.domain.model.session.SessionRepository;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerminationReconcilerTest {

  static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
  static final String KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl bob@laptop";

  final Map<String, GatewaySession> stored = new HashMap<>();
  final Map<String, Grant> storedGrants = new HashMap<>();
  final Map<String, IdentityPublicKey> storedKeys = new HashMap<>();
  final DataPlane dataPlane = new DataPlane();
  final TerminationReconciler reconciler = new TerminationReconciler();

  TerminationReconcilerTest() {
    reconciler.sessions = finder(SessionRepository.class, stored);
    reconciler.grants = finder(GrantRepository.class, storedGrants);
    reconciler.keys = finder(IdentityPublicKeyRepository.class, storedKeys);
  }

  @Test
  void endsASessionWhoseTerminationWasAskedForWhileTheMessageWasLost() {
    GatewaySession asked = session(null);
    asked.requestTermination("session terminated by alice: leaked laptop");
    GatewaySession untouched = session(null);

    int ended = reconciler.reconcile(dataPlane);

    assertEquals(1, ended);
    assertEquals(
        Map.of(asked.id(), "session terminated by alice: leaked laptop"), dataPlane.terminated);
    assertTrue(dataPlane.live.containsKey(untouched.id()));
  }

  @Test
  void endsTheSessionsOfARevokedOrExpiredGrantOnceAndLeavesActiveGrantsAlone() {
    Grant revoked = activeGrant();
    revoked.revoke("rita", "no longer needed", NOW.plusSeconds(60));
    Grant expired = activeGrant();
    assertTrue(expired.expireIfDue(NOW.plusSeconds(3_600)));
    Grant running = activeGrant();
    session(revoked.id());
    session(revoked.id());
    session(expired.id());
    GatewaySession stillAllowed = session(running.id());

    int ended = reconciler.reconcile(dataPlane);

    assertEquals(3, ended);
    assertEquals(
        List.of(
            "access grant " + revoked.id() + " revoked",
            "access grant " + expired.id() + " expired"),
        dataPlane.grantReasons);
    assertEquals(List.of(stillAllowed.id()), List.copyOf(dataPlane.live.keySet()));
  }

  @Test
  void endsASessionWhoseKeyWasDeletedWhileItWasBeingAdmitted() {
    OpenSshPublicKey kept = OpenSshPublicKey.parse(KEY);
    storedKeys.put(
        kept.fingerprint(),
        new IdentityPublicKey("bob", kept, Set.of("dev"), NOW, NOW.plusSeconds(3_600)));
    GatewaySession byKeptKey = session(null);
    byKeptKey.admittedByKey(kept.fingerprint());
    GatewaySession byDeletedKey = session(null);
    byDeletedKey.admittedByKey("SHA256:deleted");
    GatewaySession byToken = session(null);

    assertEquals(1, reconciler.reconcile(dataPlane));
    assertEquals(
        Map.of(byDeletedKey.id(), "the public key SHA256:deleted is no longer registered to bob"),
        dataPlane.terminated);
    assertTrue(dataPlane.live.containsKey(byKeptKey.id()));
    assertTrue(dataPlane.live.containsKey(byToken.id()));

    // Registered again by another identity: still not bob's key.
    storedKeys.put(
        "SHA256:deleted",
        new IdentityPublicKey("eve", kept, Set.of("dev"), NOW, NOW.plusSeconds(3_600)));
    GatewaySession again = session(null);
    again.admittedByKey("SHA256:deleted");
    assertEquals(1, reconciler.reconcile(dataPlane));
  }

  @Test
  void aSessionThatEndedMeanwhileIsNotTouched() {
    GatewaySession gone = session(null);
    gone.requestTermination("session terminated by alice: done");
    dataPlane.live.remove(gone.id());

    assertEquals(0, reconciler.reconcile(dataPlane));
    assertTrue(dataPlane.terminated.isEmpty());
  }

  private GatewaySession session(String grantId) {
    GatewaySession session =
        new GatewaySession("bob", List.of("dev"), "orders", Protocol.POSTGRES, "127.0.0.1", NOW);
    stored.put(session.id(), session);
    dataPlane.live.put(
        session.id(), new LiveSessionInfo(session.id(), "bob", "orders", "postgres", NOW, grantId));
    return session;
  }

  private Grant activeGrant() {
    Grant grant = new Grant("bob", "orders", "incident 42", Duration.ofMinutes(30), 1, NOW);
    grant.approve("rita", List.of("approvers"), List.of("approvers"), "ok", NOW);
    storedGrants.put(grant.id(), grant);
    return grant;
  }

  /** A repository that only answers {@code find(id)} (or by fingerprint), from a map. */
  private static <T> T finder(Class<T> type, Map<String, ?> rows) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getName().equals("find") || method.getName().equals("findByFingerprint")) {
                return Optional.ofNullable(rows.get((String) args[0]));
              }
              throw new UnsupportedOperationException(method.getName());
            }));
  }

  /** This server's data plane: live sessions, and what was ended. */
  static final class DataPlane implements GatewayAdminConnection {
    final Map<String, LiveSessionInfo> live = new LinkedHashMap<>();
    final Map<String, String> terminated = new HashMap<>();
    final List<String> grantReasons = new ArrayList<>();

    @Override
    public List<LiveSessionInfo> liveSessions() {
      return List.copyOf(live.values());
    }

    @Override
    public boolean terminate(String sessionId, String reason) {
      if (live.remove(sessionId) == null) {
        return false;
      }
      terminated.put(sessionId, reason);
      return true;
    }

    @Override
    public int terminateGrant(String grantId, String reason) {
      grantReasons.add(reason);
      List<String> ids =
          live.values().stream()
              .filter(s -> grantId.equals(s.grantId()))
              .map(LiveSessionInfo::sessionId)
              .toList();
      ids.forEach(live::remove);
      return ids.size();
    }

    @Override
    public int warnGrant(String grantId, String message) {
      throw new UnsupportedOperationException("reconciliation never warns");
    }

    @Override
    public void register(LiveSessionInfo session, java.util.function.Consumer<String> terminate) {
      live.put(session.sessionId(), session);
    }

    @Override
    public void deregister(String sessionId) {
      live.remove(sessionId);
    }

    @Override
    public void close() {}
  }
}
