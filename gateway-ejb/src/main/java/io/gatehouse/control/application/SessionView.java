package io.gatehouse.control.application;

import java.time.Instant;
import java.util.List;

/**
 * A gateway session as the API shows it; {@code seal} is null until the recording is sealed.
 *
 * @param keyFingerprint the registered SSH public key that logged the session in, null for a token
 */
public record SessionView(
    String id,
    String identity,
    List<String> groups,
    String connection,
    String protocol,
    String clientAddress,
    String keyFingerprint,
    Instant startedAt,
    Instant endedAt,
    String status,
    String endReason,
    long statements,
    long blocked,
    long reviewed,
    SealView seal) {}
