package io.gatehouse.control.application.internal;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.RegisteredKey;
import io.gatehouse.control.application.ActionForbiddenException;
import io.gatehouse.control.application.Caller;
import io.gatehouse.control.application.IdentityKeyService;
import io.gatehouse.control.application.IdentityKeyView;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.domain.model.identity.IdentityPublicKey;
import io.gatehouse.control.domain.model.identity.IdentityPublicKeyRepository;
import io.gatehouse.control.domain.model.identity.OpenSshPublicKey;
import io.gatehouse.control.identity.VerifiedIdentity;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Stateless
public class DefaultIdentityKeyService implements IdentityKeyService {

  private static final Logger LOG = Logger.getLogger(DefaultIdentityKeyService.class.getName());

  @Inject IdentityPublicKeyRepository keys;
  @EJB KeyClaims claims;

  @Inject
  @ConfigProperty(name = "gatehouse.ssh.key.validity.seconds", defaultValue = "2592000")
  long maxValiditySeconds;

  Clock clock = Clock.systemUTC();

  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Registration register(Caller caller, String keyLine, Long validitySeconds) {
    OpenSshPublicKey key;
    try {
      key = OpenSshPublicKey.parse(keyLine);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("Invalid public key", "", e.getMessage());
    }
    long seconds = validitySeconds == null ? maxValiditySeconds : validitySeconds;
    if (seconds < 1 || seconds > maxValiditySeconds) {
      throw new InvalidRequestException(
          "Invalid validity",
          "/validitySeconds",
          "must be 1-" + maxValiditySeconds + " seconds (gatehouse.ssh.key.validity.seconds)");
    }
    Instant now = clock.instant();
    Instant expiresAt = now.plusSeconds(seconds);
    // Stored as new in a transaction of its own, or else renewed (or refused) in another under the
    // key's row lock; a key deleted between the two is claimed again. No transaction spans the
    // steps, so no lock is held while the next one waits (see KeyClaims).
    for (int attempt = 0; attempt < 3; attempt++) {
      IdentityPublicKey candidate =
          new IdentityPublicKey(caller.name(), key, caller.groups(), now, expiresAt);
      switch (claims.claim(candidate, claims.registered(caller.name()))) {
        case CREATED -> {
          LOG.info(
              () ->
                  caller.name()
                      + " registered SSH key "
                      + key.fingerprint()
                      + " until "
                      + expiresAt);
          return new Registration(view(candidate, now), true);
        }
        case TOO_MANY ->
            throw new ResourceConflictException(
                caller.name()
                    + " has "
                    + KeyClaims.MAX_KEYS_PER_IDENTITY
                    + " keys registered, the most allowed; delete one first");
        case TAKEN -> {
          Optional<IdentityPublicKey> renewed =
              claims.renew(key.fingerprint(), caller.name(), caller.groups(), expiresAt);
          if (renewed.isPresent()) {
            return new Registration(view(renewed.get(), now), false);
          }
        }
      }
    }
    throw new ResourceConflictException(
        "The key " + key.fingerprint() + " is being registered and deleted at once; try again");
  }

  @Override
  public List<IdentityKeyView> list(Caller caller) {
    Instant now = clock.instant();
    return keys.findByIdentity(caller.name()).stream().map(k -> view(k, now)).toList();
  }

  @Override
  public void delete(Caller caller, String fingerprint) {
    remove(caller, caller.name(), fingerprint, null);
  }

  @Override
  public List<IdentityKeyView> listAll(Caller caller, String identity) {
    if (!caller.admin() && !caller.groups().contains(Caller.AUDITOR)) {
      throw new ActionForbiddenException(
          "reading every identity's SSH keys needs " + Caller.ADMIN + " or " + Caller.AUDITOR);
    }
    Instant now = clock.instant();
    List<IdentityPublicKey> found =
        identity == null || identity.isBlank() ? keys.findAll() : keys.findByIdentity(identity);
    return found.stream().map(k -> view(k, now)).toList();
  }

  @Override
  public void deleteAny(Caller caller, String identity, String fingerprint, String reason) {
    if (!caller.admin()) {
      throw new ActionForbiddenException(
          "deleting another identity's SSH key needs " + Caller.ADMIN);
    }
    remove(caller, identity, fingerprint, reason);
  }

  /** Deletes {@code owner}'s key and ends its sessions, telling them who did it (and why). */
  private void remove(Caller caller, String owner, String fingerprint, String reason) {
    String wanted = normalize(fingerprint);
    IdentityPublicKey key =
        keys.findByFingerprintForUpdate(wanted)
            .filter(k -> k.identity().equals(owner))
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "No key " + wanted + " is registered to " + owner));
    keys.remove(key);
    String why =
        "the public key "
            + wanted
            + (owner.equals(caller.name()) ? "" : " of " + owner)
            + " was deleted by "
            + caller.name()
            + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
    int ended = claims.endSessions(wanted, null, why);
    LOG.info(
        () ->
            "SSH key "
                + wanted
                + " of "
                + owner
                + " deleted by "
                + caller.name()
                + (reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")")
                + "; sessions ended: "
                + ended);
  }

  @Override
  public RegisteredKey find(String openSshKey) {
    return lookup(openSshKey)
        .map(k -> new RegisteredKey(k.identity(), k.fingerprint(), k.expiresAt()))
        .orElse(null);
  }

  @Override
  public VerifiedIdentity verify(String openSshKey) throws AccessDeniedException {
    IdentityPublicKey key =
        lookup(openSshKey)
            .orElseThrow(
                () ->
                    new AccessDeniedException(
                        AccessDeniedException.Reason.INVALID_CREDENTIAL,
                        "this public key is not registered to any identity"));
    if (key.expiredAt(clock.instant())) {
      throw new AccessDeniedException(
          AccessDeniedException.Reason.INVALID_CREDENTIAL,
          "the public key "
              + key.fingerprint()
              + " expired at "
              + key.expiresAt()
              + "; register it again with a fresh access token");
    }
    return new VerifiedIdentity(key.identity(), key.groups(), key.expiresAt());
  }

  private Optional<IdentityPublicKey> lookup(String openSshKey) {
    OpenSshPublicKey key;
    try {
      key = OpenSshPublicKey.parse(openSshKey);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a type or size nobody can have registered
    }
    // The fingerprint finds it; the whole key must match too.
    return keys.findByFingerprint(key.fingerprint())
        .filter(k -> OpenSshPublicKey.parse(k.publicKey()).keyText().equals(key.keyText()));
  }

  /** {@code SHA256:} + standard base64, from any of the forms a caller may send. */
  static String normalize(String fingerprint) {
    String value = fingerprint == null ? "" : fingerprint.strip();
    if (value.regionMatches(true, 0, "SHA256:", 0, 7)) {
      value = value.substring(7);
    }
    return "SHA256:" + value.replace('-', '+').replace('_', '/').replace("=", "");
  }

  private static IdentityKeyView view(IdentityPublicKey key, Instant now) {
    OpenSshPublicKey parsed = OpenSshPublicKey.parse(key.publicKey());
    return new IdentityKeyView(
        key.fingerprint(),
        parsed.type(),
        parsed.bits(),
        key.publicKey(),
        key.identity(),
        key.groups(),
        key.createdAt(),
        key.expiresAt(),
        key.expiredAt(now));
  }
}
