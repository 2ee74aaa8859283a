package io.gatehouse.recording;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * What a session seal signs (format {@code gatehouse-seal-v1}, docs/RECORDINGS.md): the session,
 * how many events its recording holds, the hash of the last one (the chain head), when the session
 * ended and when it was sealed. The signed bytes are
 *
 * <pre>
 *   text("gatehouse-seal-v1") || text(sessionId) || int64 eventCount || text(headHash)
 *   || int64 endedAt epochSecond || int32 endedAt nano
 *   || int64 sealedAt epochSecond || int32 sealedAt nano
 * </pre>
 *
 * with {@code text} as in {@link EventChain} (length-prefixed UTF-8, null as 0xFFFFFFFF).
 *
 * @param headHash the last event's chain hash; null only when that event was not chained
 */
public record SealStatement(
    String sessionId, long eventCount, String headHash, Instant endedAt, Instant sealedAt) {

  public static final String FORMAT = "gatehouse-seal-v1";

  public SealStatement {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(sealedAt, "sealedAt");
  }

  /** The exact bytes signed. */
  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    EventChain.text(out, FORMAT);
    EventChain.text(out, sessionId);
    out.writeBytes(ByteBuffer.allocate(8).putLong(eventCount).array());
    EventChain.text(out, headHash);
    out.writeBytes(instant(endedAt));
    out.writeBytes(instant(sealedAt));
    return out.toByteArray();
  }

  private static byte[] instant(Instant at) {
    return ByteBuffer.allocate(12).putLong(at.getEpochSecond()).putInt(at.getNano()).array();
  }
}
