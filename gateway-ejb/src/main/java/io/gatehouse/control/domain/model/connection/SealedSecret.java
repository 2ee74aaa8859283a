package io.gatehouse.control.domain.model.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;
import java.util.Objects;

/**
 * A secret encrypted at rest: the ciphertext (with its authentication tag), the nonce, and the id
 * of the key that sealed it. Holds no plaintext, and its toString shows none of the bytes.
 */
@Embeddable
public class SealedSecret {

  @Column(name = "key_id", length = 64, nullable = false)
  private String keyId;

  @Column(name = "nonce", length = 12, nullable = false)
  private byte[] nonce;

  @Lob
  @Column(name = "ciphertext", nullable = false)
  private byte[] ciphertext;

  protected SealedSecret() {}

  public SealedSecret(String keyId, byte[] nonce, byte[] ciphertext) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.nonce = nonce.clone();
    this.ciphertext = ciphertext.clone();
    if (this.nonce.length != 12) {
      throw new IllegalArgumentException("nonce must be 12 bytes");
    }
  }

  public String keyId() {
    return keyId;
  }

  public byte[] nonce() {
    return nonce.clone();
  }

  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public String toString() {
    return "SealedSecret[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
  }
}
