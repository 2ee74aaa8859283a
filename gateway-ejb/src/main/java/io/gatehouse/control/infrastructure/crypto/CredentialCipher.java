package io.gatehouse.control.infrastructure.crypto;

import io.gatehouse.control.domain.model.connection.SealedSecret;
import io.gatehouse.control.domain.model.connection.SecretKind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens credential secrets with AES-256-GCM. Each seal draws a fresh 96-bit nonce; the
 * associated data binds the ciphertext to its connection and secret kind.
 */
public final class CredentialCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int TAG_BITS = 128;
  private static final int NONCE_BYTES = 12;

  private final KeyRing keys;
  private final SecureRandom random = new SecureRandom();

  public CredentialCipher(KeyRing keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  public SealedSecret seal(byte[] plaintext, String connectionName, SecretKind kind) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(connectionName, kind));
      return new SealedSecret(keys.currentId(), nonce, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The plaintext; the caller should clear the array once used. */
  public byte[] open(SealedSecret sealed, String connectionName, SecretKind kind) {
    SecretKey key =
        keys.key(sealed.keyId())
            .orElseThrow(
                () ->
                    new CredentialDecryptionException(
                        "The credential of "
                            + connectionName
                            + " is sealed with unknown key id '"
                            + sealed.keyId()
                            + "'; add it to "
                            + CredentialKeys.PREVIOUS_KEYS,
                        null));
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      cipher.updateAAD(associatedData(connectionName, kind));
      return cipher.doFinal(sealed.ciphertext());
    } catch (javax.crypto.AEADBadTagException e) {
      throw new CredentialDecryptionException(
          "The credential of " + connectionName + " does not authenticate (tampered or moved)", e);
    } catch (GeneralSecurityException e) {
      throw new CredentialDecryptionException("Cannot open the credential of " + connectionName, e);
    }
  }

  /** Whether {@code sealed} was sealed with a key other than the current one. */
  public boolean needsReseal(SealedSecret sealed) {
    return !keys.currentId().equals(sealed.keyId());
  }

  /** The same secret sealed under the current key. */
  public SealedSecret reseal(SealedSecret sealed, String connectionName, SecretKind kind) {
    byte[] plaintext = open(sealed, connectionName, kind);
    try {
      return seal(plaintext, connectionName, kind);
    } finally {
      java.util.Arrays.fill(plaintext, (byte) 0);
    }
  }

  public String currentKeyId() {
    return keys.currentId();
  }

  static byte[] associatedData(String connectionName, SecretKind kind) {
    return ("gatehouse-credential/v1|" + connectionName + "|" + kind.name())
        .getBytes(StandardCharsets.UTF_8);
  }
}
