package io.gatehouse.control.infrastructure.crypto;

import io.gatehouse.control.identity.IdentitySettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the credential master keys at startup. Outside dev mode a missing key stops the application
 * from starting: storing target credentials without one is not an option.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class CredentialKeys {

  public static final String MASTER_KEY = "gatehouse.credential.master.key";
  public static final String MASTER_KEY_ID = "gatehouse.credential.master.key.id";
  public static final String PREVIOUS_KEYS = "gatehouse.credential.previous.keys";

  private static final Logger LOG = Logger.getLogger(CredentialKeys.class.getName());

  // Optional: MicroProfile Config treats an empty value (the server.xml default) as missing.
  @Inject
  @ConfigProperty(name = MASTER_KEY)
  Optional<String> masterKey;

  @Inject
  @ConfigProperty(name = MASTER_KEY_ID, defaultValue = "k1")
  String masterKeyId;

  @Inject
  @ConfigProperty(name = PREVIOUS_KEYS)
  Optional<String> previousKeys;

  /** Key of the masking strategy 'hash'; derived from the master key when not set. */
  @Inject
  @ConfigProperty(name = "gatehouse.masking.key")
  Optional<String> maskingKeySetting;

  @Inject IdentitySettings identity;

  private CredentialCipher cipher;
  private byte[] maskingKey;

  @PostConstruct
  void load() {
    KeyRing ring = keyRing();
    cipher = new CredentialCipher(ring);
    maskingKey =
        maskingKeySetting
            .filter(value -> !value.isBlank())
            .map(value -> java.util.Base64.getDecoder().decode(value.strip()))
            .orElseGet(() -> ring.derive("gatehouse masking hash key v1"));
    LOG.info(() -> "Credential encryption ready, current key id " + cipher.currentKeyId());
  }

  private KeyRing keyRing() {
    if (masterKey.isPresent()) {
      try {
        return KeyRing.of(masterKeyId, masterKey.get(), previousKeys.orElse(""));
      } catch (IllegalArgumentException e) {
        LOG.severe("GATEHOUSE CANNOT START: " + e.getMessage());
        throw e;
      }
    }
    if (identity.devMode()) {
      LOG.warning(
          "Dev mode: target credentials are encrypted with a generated key kept in "
              + identity.devDirectory().resolve(DevMasterKey.FILE)
              + "; set "
              + MASTER_KEY
              + " for production");
      return KeyRing.of(DevMasterKey.KEY_ID, DevMasterKey.loadOrCreate(identity.devDirectory()));
    }
    String message =
        "GATEHOUSE CANNOT START: no credential master key. Set "
            + MASTER_KEY
            + " (GATEHOUSE_CREDENTIAL_MASTER_KEY) to 32 random bytes in base64, for example"
            + " the output of 'openssl rand -base64 32', and "
            + MASTER_KEY_ID
            + " to its id.";
    LOG.severe(message);
    throw new IllegalStateException(message);
  }

  public CredentialCipher cipher() {
    return cipher;
  }

  /**
   * The key of the keyed-hash masking strategy. Set {@code gatehouse.masking.key} to keep hashed
   * values stable across master key rotations.
   */
  public byte[] maskingKey() {
    return maskingKey.clone();
  }
}
