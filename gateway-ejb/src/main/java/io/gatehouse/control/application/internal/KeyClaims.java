package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.DataPlaneSessions;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.domain.model.identity.IdentityPublicKey;
import io.gatehouse.control.domain.model.identity.IdentityPublicKeyRepository;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.SessionRepository;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The first step of a key registration: store the key as new, or learn that its fingerprint is
 * taken. Simultaneous first registrations of one key must give one 201 and renewals or 409s, never
 * a deadlock. So the read and the insert never share a transaction: the caller's own fingerprints
 * are read first with no transaction at all ({@link #registered}), and the insert then runs in a
 * transaction of its own that reads nothing ({@link #claim}); a losing insert is told apart by the
 * unique constraint, not by a lookup. The loser commits nothing and then renews the stored key, or
 * is refused, under the key's row lock in a third transaction ({@link #renew}), so no lock is held
 * while a retried claim (the key deleted meanwhile) inserts.
 *
 * <p>The stores run at read committed. Derby at repeatable read (Liberty's default for it) kept a
 * reader's shared row locks to the end of its transaction or statement, so a registration reading
 * an identity's keys and another inserting one each waited for the other's lock, until Derby's 20 s
 * deadlock timeout picked a victim.
 */
@Stateless
public class KeyClaims {

  /** What became of a claim. */
  enum Claim {
    /** Stored: the key is the caller's, new. */
    CREATED,
    /** Already stored, by the caller or another identity (nothing written). */
    TAKEN,
    /** The caller has the most keys allowed (nothing written). */
    TOO_MANY
  }

  /** Keys one identity may have registered at once. */
  static final int MAX_KEYS_PER_IDENTITY = 20;

  private static final Logger LOG = Logger.getLogger(KeyClaims.class.getName());

  @Inject IdentityPublicKeyRepository keys;
  @Inject SessionRepository sessions;
  @EJB DataPlaneSessions dataPlane;

  /** The fingerprints {@code identity} has registered, read outside any transaction. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<String> registered(String identity) {
    return keys.fingerprintsOf(identity);
  }

  /**
   * Stores {@code key} if its fingerprint is not stored yet, given the fingerprints its identity
   * had ({@link #registered}). Two different new keys of one identity registered at the same
   * instant may both pass the count: the limit can be exceeded by such a race, never a key stored
   * twice.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Claim claim(IdentityPublicKey key, List<String> own) {
    if (own.contains(key.fingerprint())) {
      return Claim.TAKEN;
    }
    if (own.size() >= MAX_KEYS_PER_IDENTITY) {
      return Claim.TOO_MANY;
    }
    return keys.insertIfAbsent(key) ? Claim.CREATED : Claim.TAKEN;
  }

  /**
   * Renews the stored key {@code fingerprint} for {@code identity} with its token's groups, under
   * the key's row lock, and ends the sessions it admitted with a group the token no longer has.
   *
   * @return the renewed key, or empty when it is no longer stored (deleted since it was claimed)
   * @throws ResourceConflictException the key is another identity's
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<IdentityPublicKey> renew(
      String fingerprint, String identity, Set<String> groups, Instant expiresAt) {
    Optional<IdentityPublicKey> found = keys.findByFingerprintForUpdate(fingerprint);
    if (found.isEmpty()) {
      return found;
    }
    IdentityPublicKey registered = found.get();
    if (!registered.identity().equals(identity)) {
      throw new ResourceConflictException(
          "The key "
              + fingerprint
              + " is registered to another identity; each key logs in one identity");
    }
    Set<String> lost = new TreeSet<>(registered.groups());
    lost.removeAll(groups);
    registered.renew(groups, expiresAt);
    keys.store(registered);
    LOG.info(() -> identity + " renewed SSH key " + fingerprint + " to " + expiresAt);
    if (!lost.isEmpty()) {
      endSessions(
          fingerprint,
          lost,
          "the public key "
              + fingerprint
              + " was registered again without the group(s) "
              + lost
              + " this session was admitted with; log in again");
    }
    return found;
  }

  /**
   * Ends the running sessions the key logged in (only those admitted with one of {@code groups},
   * when given) the way an administrator's termination does: the request is kept with the session,
   * so the server holding it ends it even if the message to it is lost, and the client is told
   * {@code reason}.
   *
   * @return how many sessions this server or another one was told to end
   */
  public int endSessions(String fingerprint, Set<String> groups, String reason) {
    int ended = 0;
    for (GatewaySession session : sessions.activeByKey(fingerprint)) {
      if (groups != null && session.groups().stream().noneMatch(groups::contains)) {
        continue;
      }
      session.requestTermination(reason);
      sessions.store(session);
      if (dataPlane.terminate(session.id(), reason)) {
        ended++;
      }
    }
    return ended;
  }
}
