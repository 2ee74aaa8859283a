package io.gatehouse.control.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.RegisteredKey;
import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.IdentityKeyService.Registration;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.domain.model.identity.IdentityPublicKey;
import io.gatehouse.control.domain.model.identity.IdentityPublicKeyRepository;
import io.gatehouse.control.domain.model.identity.OpenSshPublicKey;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.Protocol;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionStatus;
import io.gatehouse.control.identity.VerifiedIdentity;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultIdentityKeyServiceTest {

  static final Caller ALICE = new Caller("alice", Set.of("ops", "dev"));
  static final Caller BOB = new Caller("bob", Set.of("ops"));
  static final long DAY = 86_400;

  final ReviewFixtures.TestClock clock = new ReviewFixtures.TestClock();
  final Keys keys = new Keys();
  final List<GatewaySession> sessions = new ArrayList<>();
  final ReviewFixtures.DataPlane dataPlane = new ReviewFixtures.DataPlane();
  DefaultIdentityKeyService service;

  /** The repository, in memory. */
  static class Keys implements IdentityPublicKeyRepository {
    final List<IdentityPublicKey> stored = new ArrayList<>();

    @Override
    public Optional<IdentityPublicKey> findByFingerprint(String fingerprint) {
      return stored.stream().filter(k -> k.fingerprint().equals(fingerprint)).findFirst();
    }

    @Override
    public Optional<IdentityPublicKey> findByFingerprintForUpdate(String fingerprint) {
      return findByFingerprint(fingerprint);
    }

    @Override
    public List<String> fingerprintsOf(String identity) {
      return findByIdentity(identity).stream().map(IdentityPublicKey::fingerprint).toList();
    }

    @Override
    public boolean insertIfAbsent(IdentityPublicKey key) {
      if (findByFingerprint(key.fingerprint()).isPresent()) {
        return false;
      }
      stored.add(key);
      return true;
    }

    @Override
    public List<IdentityPublicKey> findByIdentity(String identity) {
      return stored.stream().filter(k -> k.identity().equals(identity)).toList();
    }

    @Override
    public List<IdentityPublicKey> findAll() {
      return List.copyOf(stored);
    }

    @Override
    public void store(IdentityPublicKey key) {
      if (!stored.contains(key)) {
        stored.add(key);
      }
    }

    @Override
    public void remove(IdentityPublicKey key) {
      stored.remove(key);
    }
  }

  /** A session repository that answers only what key deletion and renewal ask. */
  static SessionRepository sessionsByKey(List<GatewaySession> sessions) {
    return (SessionRepository)
        Proxy.newProxyInstance(
            SessionRepository.class.getClassLoader(),
            new Class<?>[] {SessionRepository.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "activeByKey" ->
                      sessions.stream()
                          .filter(s -> s.status() == SessionStatus.ACTIVE)
                          .filter(s -> s.keyFingerprint().equals(Optional.of(args[0])))
                          .toList();
                  case "store" -> null;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  GatewaySession session(Caller who, String keyFingerprint) {
    GatewaySession session =
        new GatewaySession(
            who.name(), who.groups(), "web-prod", Protocol.SSH, "127.0.0.1", clock.now);
    if (keyFingerprint != null) {
      session.admittedByKey(keyFingerprint);
    }
    sessions.add(session);
    return session;
  }

  /** A fresh Ed25519 key line (32 random bytes are a valid public key encoding for the parser). */
  static String newKey(String comment) {
    byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
    byte[] point = new byte[32];
    new SecureRandom().nextBytes(point);
    ByteBuffer blob = ByteBuffer.allocate(4 + type.length + 4 + 32);
    blob.putInt(type.length).put(type).putInt(32).put(point);
    return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array()) + " " + comment;
  }

  static String keyText(String line) {
    return line.substring(0, line.lastIndexOf(' '));
  }

  @BeforeEach
  void setUp() {
    service = new DefaultIdentityKeyService();
    service.keys = keys;
    service.claims = new KeyClaims();
    service.claims.keys = keys;
    service.claims.sessions = sessionsByKey(sessions);
    service.claims.dataPlane = dataPlane;
    service.maxValiditySeconds = 30 * DAY;
    service.clock = clock;
  }

  @Test
  void aKeyCarriesTheTokensSubjectAndGroupsUntilItExpires() throws Exception {
    String line = newKey("alice@laptop");
    Registration registration = service.register(ALICE, line, null);
    assertTrue(registration.created());
    assertEquals("alice", registration.key().identity());
    assertEquals(Set.of("ops", "dev"), registration.key().groups());
    assertEquals(clock.now.plusSeconds(30 * DAY), registration.key().expiresAt(), "the maximum");
    assertEquals(line, registration.key().publicKey());

    RegisteredKey found = service.find(keyText(line));
    assertEquals("alice", found.identity(), "the listener finds it by its key, no comment");
    assertEquals(registration.key().fingerprint(), found.fingerprint());
    VerifiedIdentity who = service.verify(keyText(line));
    assertEquals(new VerifiedIdentity("alice", Set.of("ops", "dev"), found.expiresAt()), who);

    clock.now = clock.now.plusSeconds(30 * DAY);
    AccessDeniedException expired =
        assertThrows(AccessDeniedException.class, () -> service.verify(keyText(line)));
    assertEquals(AccessDeniedException.Reason.INVALID_CREDENTIAL, expired.reason());
    assertTrue(expired.getMessage().contains("register it again"), expired.getMessage());
    assertTrue(service.list(ALICE).get(0).expired(), "listed as expired");
  }

  @Test
  void registeringAgainRenewsWithTheCurrentGroupsAndAnotherIdentityGetsAConflict() {
    String line = newKey("k");
    service.register(ALICE, line, 60L);
    clock.now = clock.now.plusSeconds(120);
    Registration renewed = service.register(new Caller("alice", Set.of("dev")), line, null);
    assertFalse(renewed.created(), "renewed, not a second key");
    assertEquals(Set.of("dev"), renewed.key().groups(), "a lost group is gone");
    assertFalse(renewed.key().expired());
    assertEquals(1, keys.stored.size());

    ResourceConflictException taken =
        assertThrows(ResourceConflictException.class, () -> service.register(BOB, line, null));
    assertTrue(taken.getMessage().contains("another identity"), taken.getMessage());
    assertEquals("alice", keys.stored.get(0).identity(), "still alice's");
  }

  @Test
  void badKeysAndValiditiesAreRefusedWithTheReasonAndStoreNothing() {
    InvalidRequestException weak =
        assertThrows(
            InvalidRequestException.class,
            () -> service.register(ALICE, "ssh-dss AAAAB3NzaC1kc3M=", null));
    assertTrue(
        weak.violations().get(0).message().contains("ssh-dss (DSA) keys are weak"),
        weak.violations().toString());
    for (long seconds : new long[] {0, -5, 30 * DAY + 1}) {
      InvalidRequestException range =
          assertThrows(
              InvalidRequestException.class,
              () -> service.register(ALICE, newKey("k"), seconds),
              "validity " + seconds);
      assertEquals("/validitySeconds", range.violations().get(0).pointer());
    }
    assertTrue(keys.stored.isEmpty());
    assertNull(service.find("ssh-rsa AAAA"), "a key nobody can have registered");
    assertThrows(AccessDeniedException.class, () -> service.verify(keyText(newKey("x"))));
  }

  @Test
  void deletingTakesAnyFingerprintFormButOnlyTheCallersKeys() {
    String line = newKey("k");
    String fingerprint = service.register(ALICE, line, null).key().fingerprint();
    String urlSafe = fingerprint.substring(7).replace('+', '-').replace('/', '_');
    assertThrows(ResourceNotFoundException.class, () -> service.delete(BOB, fingerprint));
    service.delete(ALICE, urlSafe);
    assertNull(service.find(keyText(line)), "gone");
    assertThrows(ResourceNotFoundException.class, () -> service.delete(ALICE, fingerprint));
  }

  @Test
  void deletingAKeyEndsTheSessionsItLoggedInAndNoOthers() {
    String fingerprint = service.register(ALICE, newKey("k"), null).key().fingerprint();
    String other = service.register(ALICE, newKey("other"), null).key().fingerprint();
    GatewaySession first = session(ALICE, fingerprint);
    GatewaySession second = session(ALICE, fingerprint);
    GatewaySession byToken = session(ALICE, null);
    GatewaySession byOtherKey = session(ALICE, other);
    GatewaySession ended = session(ALICE, fingerprint);
    ended.end(SessionStatus.CLOSED, "client-closed", clock.now);

    service.delete(ALICE, fingerprint);

    String reason = "the public key " + fingerprint + " was deleted by alice";
    assertEquals(
        List.of(
            "terminate " + first.id() + ": " + reason, "terminate " + second.id() + ": " + reason),
        dataPlane.events,
        "only the running sessions of that key, told why");
    assertEquals(Optional.of(reason), first.terminationRequested(), "kept for the reconciler");
    assertEquals(Optional.empty(), byToken.terminationRequested());
    assertEquals(Optional.empty(), byOtherKey.terminationRequested());
  }

  @Test
  void renewingWithoutAGroupEndsTheSessionsAdmittedWithItAndKeepsTheRest() {
    String line = newKey("k");
    String fingerprint = service.register(ALICE, line, null).key().fingerprint();
    GatewaySession withOps = session(ALICE, fingerprint);
    service.register(ALICE, line, null);
    assertTrue(dataPlane.events.isEmpty(), "the same groups again end nothing");

    GatewaySession devOnly = session(new Caller("alice", Set.of("dev")), fingerprint);
    service.register(new Caller("alice", Set.of("dev", "qa")), line, null);

    assertEquals(1, dataPlane.events.size(), dataPlane.events.toString());
    String told = dataPlane.events.get(0);
    assertTrue(told.startsWith("terminate " + withOps.id() + ": "), told);
    assertTrue(told.contains("without the group(s) [ops]"), told);
    assertEquals(Optional.empty(), devOnly.terminationRequested(), "its groups are all still held");
  }

  @Test
  void aClaimThatLosesTheInsertToASimultaneousRegistrationRenewsOrConflicts() {
    String line = newKey("raced");
    // The other registration committed after this one read the caller's fingerprints.
    IdentityPublicKey winner =
        new IdentityPublicKey(
            "alice",
            OpenSshPublicKey.parse(line),
            Set.of("ops"),
            clock.now,
            clock.now.plusSeconds(DAY));
    Keys racing =
        new Keys() {
          @Override
          public List<String> fingerprintsOf(String identity) {
            return List.of();
          }
        };
    racing.stored.add(winner);
    service.keys = racing;
    service.claims.keys = racing;

    Registration second = service.register(ALICE, line, null);
    assertFalse(second.created(), "the loser renews: 200, not 201 nor an error");
    assertEquals(Set.of("ops", "dev"), second.key().groups(), "with its token's groups");
    assertEquals(1, racing.stored.size(), "stored once");
    ResourceConflictException taken =
        assertThrows(ResourceConflictException.class, () -> service.register(BOB, line, null));
    assertTrue(taken.getMessage().contains("registered to another identity"), taken.getMessage());
  }

  @Test
  void administratorsListAndDeleteAnyonesKeysAndOthersAreRefused() {
    String alices = service.register(ALICE, newKey("a"), null).key().fingerprint();
    service.register(BOB, newKey("b"), null);
    GatewaySession running = session(ALICE, alices);
    Caller admin = new Caller("ada", Set.of(Caller.ADMIN));
    Caller auditor = new Caller("aldo", Set.of(Caller.AUDITOR));
    Caller reviewer = new Caller("rita", Set.of(Caller.REVIEWER));

    assertEquals(2, service.listAll(admin, null).size());
    assertEquals(
        List.of("alice"),
        service.listAll(auditor, "alice").stream().map(k -> k.identity()).toList());
    assertThrows(ActionForbiddenException.class, () -> service.listAll(reviewer, null));
    assertThrows(ActionForbiddenException.class, () -> service.listAll(ALICE, "alice"));
    assertThrows(
        ActionForbiddenException.class, () -> service.deleteAny(auditor, "alice", alices, null));
    assertThrows(
        ResourceNotFoundException.class, () -> service.deleteAny(admin, "bob", alices, null));

    service.deleteAny(admin, "alice", alices, "laptop stolen");

    assertEquals(
        List.of("bob"), keys.stored.stream().map(IdentityPublicKey::identity).toList(), "left");
    String why = "the public key " + alices + " of alice was deleted by ada: laptop stolen";
    assertEquals(List.of("terminate " + running.id() + ": " + why), dataPlane.events);
  }

  @Test
  void anIdentityHasAtMostTwentyKeys() {
    for (int i = 0; i < KeyClaims.MAX_KEYS_PER_IDENTITY; i++) {
      service.register(ALICE, newKey("k" + i), null);
    }
    assertThrows(
        ResourceConflictException.class, () -> service.register(ALICE, newKey("21"), null));
    assertTrue(service.register(BOB, newKey("b"), null).created(), "others are not affected");
  }
}
