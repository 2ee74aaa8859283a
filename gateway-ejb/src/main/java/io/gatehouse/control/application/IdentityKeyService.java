package io.gatehouse.control.application;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.RegisteredKey;
import io.gatehouse.control.identity.VerifiedIdentity;
import java.util.List;

/** Public keys identities register to log in to the SSH listener without a token each time. */
public interface IdentityKeyService {

  /** A registration's outcome: the key, and whether it is new (else renewed). */
  record Registration(IdentityKeyView key, boolean created) {}

  /**
   * Registers an OpenSSH public key line for the caller with the caller's groups, or renews the
   * caller's registration of it (fresh groups and expiry).
   *
   * @param validitySeconds how long it should work, at most the configured maximum; null for the
   *     maximum
   * @throws InvalidRequestException malformed, weak or unsupported key, validity out of range
   * @throws ResourceConflictException another identity registered the key, or too many keys
   */
  Registration register(Caller caller, String keyLine, Long validitySeconds);

  /** The caller's keys, oldest first. */
  List<IdentityKeyView> list(Caller caller);

  /**
   * Deletes one of the caller's keys; the next login with it is refused.
   *
   * @param fingerprint {@code SHA256:…} as {@code ssh-keygen -lf} prints it, with or without the
   *     prefix, or in URL-safe base64
   * @throws ResourceNotFoundException no such key of the caller's
   */
  void delete(Caller caller, String fingerprint);

  /**
   * Every identity's keys, by identity then age, or only {@code identity}'s when given: for
   * administrators and auditors.
   *
   * @throws ActionForbiddenException the caller is neither
   */
  List<IdentityKeyView> listAll(Caller caller, String identity);

  /**
   * An administrator deletes any identity's key; the sessions it opened end, their clients told who
   * deleted it and why.
   *
   * @param reason optional, added to what the key's clients are told
   * @throws ActionForbiddenException the caller is not an administrator
   * @throws ResourceNotFoundException {@code identity} has no such key
   */
  void deleteAny(Caller caller, String identity, String fingerprint, String reason);

  /** For the data plane, before a signature: the key's registration, or null. Opens nothing. */
  RegisteredKey find(String openSshKey);

  /**
   * For the data plane, once the client proved it holds the key: who it is, with the groups stored
   * at registration, until the key expires.
   *
   * @throws AccessDeniedException INVALID_CREDENTIAL when not registered or expired
   */
  VerifiedIdentity verify(String openSshKey) throws AccessDeniedException;
}
