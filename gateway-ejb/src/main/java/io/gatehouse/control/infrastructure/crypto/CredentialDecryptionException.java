package io.gatehouse.control.infrastructure.crypto;

/** A sealed secret that does not open: unknown key, tampered, or sealed for another connection. */
public class CredentialDecryptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CredentialDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
