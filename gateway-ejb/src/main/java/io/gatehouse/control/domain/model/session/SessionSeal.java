package io.gatehouse.control.domain.model.session;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Objects;

/**
 * The control plane's signature over a closed session's recording: what was signed (event count,
 * chain head, sealed-at; the session id and end time are the session's own) and by which key.
 */
@Embeddable
public class SessionSeal {

  @Column(name = "seal_algorithm", length = 32)
  private String algorithm;

  @Column(name = "seal_key_id", length = 64)
  private String keyId;

  /** Base64 of the signature over the seal statement (gatehouse-seal-v1). */
  @Column(name = "seal_signature", length = 200)
  private String signature;

  @Column(name = "sealed_at")
  private Instant sealedAt;

  @Column(name = "seal_event_count")
  private Long eventCount;

  @Column(name = "seal_head_hash", length = 64)
  private String headHash;

  protected SessionSeal() {}

  public SessionSeal(
      String algorithm,
      String keyId,
      String signature,
      Instant sealedAt,
      long eventCount,
      String headHash) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.signature = Objects.requireNonNull(signature, "signature");
    this.sealedAt = Objects.requireNonNull(sealedAt, "sealedAt");
    this.eventCount = eventCount;
    this.headHash = headHash;
  }

  /** JPA fills an embedded object with nulls for an unsealed session. */
  boolean present() {
    return signature != null;
  }

  public String algorithm() {
    return algorithm;
  }

  public String keyId() {
    return keyId;
  }

  public String signature() {
    return signature;
  }

  public Instant sealedAt() {
    return sealedAt;
  }

  public long eventCount() {
    return eventCount;
  }

  public String headHash() {
    return headHash;
  }
}
