package io.gatehouse.connector.api;

import java.util.List;

/**
 * The inbound listener interface of the resource adapter: the data plane asks the control plane
 * through it. The control plane implements it as a message-driven bean (the JCA inbound contract),
 * so each call runs in the EJB container with its transactions and persistence.
 */
public interface ControlPlane {

  /**
   * Authenticates the caller and decides access to a connection.
   *
   * @return the session plan: who, target, credential, policy, expiry
   * @throws AccessDeniedException with a message safe to show the client
   */
  SessionPlan openSession(AccessRequest request) throws AccessDeniedException;

  /**
   * Whether the policy of a connection of this protocol requires the client to use TLS. Asked
   * before the client authenticates, so that a client without TLS is refused before it sends its
   * token in clear; it answers only this and says nothing of why.
   *
   * @return false for an unknown connection (or one of another protocol): {@link #openSession}
   *     refuses it after the token, with its usual message; true when the connection's policy is
   *     missing, so that no token crosses in clear where the policy cannot be read
   */
  boolean requiresTls(Protocol protocol, String connection);

  /**
   * The registration of an OpenSSH public key ({@code type base64}), or null when no identity has
   * registered it. Opens nothing: the SSH listener asks this before the client has proven it holds
   * the key, then opens the session with {@link #openSession} and {@link AccessRequest#publicKey()}
   * once the signature is verified.
   */
  RegisteredKey findPublicKey(String openSshKey);

  /**
   * Stores recorded events shipped from the data plane's local spool. Idempotent: an event already
   * stored (same session id and sequence) is skipped, so a batch can be re-sent after a crash
   * without duplicates.
   *
   * @return how many of the events were newly stored
   */
  int storeEvents(List<RecordedEvent> events);

  /** Marks a session ended, with the reason and final counters. */
  void closeSession(SessionOutcome outcome);

  /**
   * A connection factory of this adapter's own pools, by JNDI name. An embedded adapter's resources
   * are visible only from its application's components, not from the adapter's work threads, so the
   * control plane looks them up (unshareable) and hands them over once.
   */
  Object connectionFactory(String jndiName);

  /**
   * Holds work for review: creates a review, unless an approval of exactly this subject, by this
   * identity on this connection, is still within the policy's approval window; then the answer is
   * already {@code APPROVED} and the work runs at once.
   *
   * @throws AccessDeniedException when the review cannot be created (the work is refused)
   */
  ReviewTicket requestReview(ReviewRequestInfo request) throws AccessDeniedException;

  /** Where a review stands now (a pending review past its time is expired on the way). */
  ReviewTicket reviewStatus(String reviewId);
}
