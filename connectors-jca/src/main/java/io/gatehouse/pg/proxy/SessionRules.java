package io.gatehouse.pg.proxy;

import io.gatehouse.policy.SessionTimeouts;

/**
 * Everything a PostgreSQL session enforces, compiled from its plan's policy.
 *
 * @param requireTls refuse a client that did not negotiate TLS
 * @param guard the verdict on each statement
 * @param masking what to mask on the way back
 * @param recorder where the session's events go
 * @param timeouts how long the session may sit idle at the gateway
 */
public record SessionRules(
    boolean requireTls,
    StatementGuard guard,
    ResultMasking masking,
    SessionRecorder recorder,
    SessionTimeouts timeouts) {

  /** Without idle timeouts. */
  public SessionRules(
      boolean requireTls, StatementGuard guard, ResultMasking masking, SessionRecorder recorder) {
    this(requireTls, guard, masking, recorder, SessionTimeouts.NONE);
  }
}
