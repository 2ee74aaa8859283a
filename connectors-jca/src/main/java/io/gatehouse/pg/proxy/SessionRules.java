package io.gatehouse.pg.proxy;

/**
 * Everything a PostgreSQL session enforces, compiled from its plan's policy.
 *
 * @param requireTls refuse a client that did not negotiate TLS
 * @param guard the verdict on each statement
 * @param masking what to mask on the way back
 * @param recorder where the session's events go
 */
public record SessionRules(
    boolean requireTls, StatementGuard guard, ResultMasking masking, SessionRecorder recorder) {}
