package io.gatehouse.control.application;

import java.time.Instant;

/**
 * A session's seal: the signature (base64) over the statement {@code gatehouse-seal-v1} of the
 * session id, {@code eventCount}, {@code headHash}, the session's {@code endedAt} and {@code
 * sealedAt}, made with the key {@code keyId} (see {@code GET /api/v1/seal-keys}).
 */
public record SealView(
    String algorithm,
    String keyId,
    String signature,
    Instant sealedAt,
    long eventCount,
    String headHash) {}
