package io.gatehouse.recording;

import io.gatehouse.connector.api.RecordedEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain over a session's events (format {@code gatehouse-chain-v1}, docs/RECORDINGS.md).
 * Each event's hash is SHA-256 over an unambiguous encoding of the previous event's hash and the
 * event's own fields:
 *
 * <pre>
 *   text(s)  = uint32 length of UTF-8(s), big-endian || UTF-8(s);  null = 0xFFFFFFFF, no bytes
 *   hash     = SHA-256( text("gatehouse-chain-v1") || 32 bytes previousHash
 *                       || text(sessionId) || int64 sequence
 *                       || int64 epochSecond || int32 nanoOfSecond
 *                       || text(type) || text(payload) || text(decision) || text(ruleId) )
 * </pre>
 *
 * The first event's previous hash is {@link #GENESIS} (32 zero bytes); the session id inside every
 * hash binds the chain to its session. Timestamps are cut to microseconds before hashing, the
 * precision every store keeps.
 */
public final class EventChain {

  /** The chain format, also the domain-separation tag at the start of every hashed message. */
  public static final String FORMAT = "gatehouse-chain-v1";

  /** The previous hash of a session's first event: 32 zero bytes, as hex. */
  public static final String GENESIS = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();

  private EventChain() {}

  /** The instant as recorded: truncated to microseconds, so that it survives any store intact. */
  public static Instant recordable(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** A new event chained after {@code previousHash}. */
  public static RecordedEvent link(
      String previousHash,
      String sessionId,
      long sequence,
      Instant at,
      String type,
      String payloadJson,
      String decision,
      String ruleId) {
    String hash = hash(previousHash, sessionId, sequence, at, type, payloadJson, decision, ruleId);
    return new RecordedEvent(
        sessionId, sequence, at, type, payloadJson, decision, ruleId, previousHash, hash);
  }

  /** The hash {@code event} should carry, given the previous hash it claims. */
  public static String expectedHash(RecordedEvent event) {
    return expectedHash(event, event.sequence());
  }

  /** The hash {@code event} would carry had it been recorded as number {@code sequence}. */
  public static String expectedHash(RecordedEvent event, long sequence) {
    return hash(
        event.previousHash(),
        event.sessionId(),
        sequence,
        event.at(),
        event.type(),
        event.payloadJson(),
        event.decision(),
        event.ruleId());
  }

  /** The chain hash of one event, lowercase hex. */
  public static String hash(
      String previousHash,
      String sessionId,
      long sequence,
      Instant at,
      String type,
      String payload,
      String decision,
      String ruleId) {
    // Fed to the digest as it is encoded: this runs for every event of every session.
    MessageDigest digest = DIGEST.get();
    digest.reset();
    digest.update(FORMAT_TEXT);
    digest.update(hashBytes(previousHash));
    text(digest, sessionId);
    ByteBuffer numbers = ByteBuffer.allocate(20);
    numbers.putLong(sequence).putLong(at.getEpochSecond()).putInt(at.getNano());
    digest.update(numbers.array());
    text(digest, type);
    text(digest, payload);
    text(digest, decision);
    text(digest, ruleId);
    return HEX.formatHex(digest.digest());
  }

  private static final byte[] FORMAT_TEXT = encoded(FORMAT);

  // One digest per thread, reset before use: getInstance looks the provider up on every call.
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(EventChain::sha256);

  private static byte[] encoded(String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    text(out, value);
    return out.toByteArray();
  }

  private static void text(MessageDigest digest, String value) {
    if (value == null) {
      digest.update(NULL_TEXT);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int n = utf8.length;
    digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    digest.update(utf8);
  }

  private static final byte[] NULL_TEXT = {-1, -1, -1, -1};

  /** Whether {@code value} is a well-formed chain hash: 64 lowercase hex digits. */
  public static boolean wellFormed(String value) {
    if (value == null || value.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      if (!isHexDigit(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  // Checks and decodes in one pass (every event hashes its predecessor's hash).
  private static byte[] hashBytes(String hex) {
    if (hex != null && hex.length() == 64) {
      byte[] bytes = new byte[32];
      for (int i = 0; i < 32; i++) {
        int high = nibble(hex.charAt(2 * i));
        int low = nibble(hex.charAt(2 * i + 1));
        if ((high | low) < 0) {
          bytes = null;
          break;
        }
        bytes[i] = (byte) (high << 4 | low);
      }
      if (bytes != null) {
        return bytes;
      }
    }
    throw new IllegalArgumentException("not a chain hash (64 lowercase hex digits): " + hex);
  }

  private static int nibble(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  static void text(ByteArrayOutputStream out, String value) {
    if (value == null) {
      out.writeBytes(new byte[] {-1, -1, -1, -1});
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
    out.writeBytes(utf8);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
