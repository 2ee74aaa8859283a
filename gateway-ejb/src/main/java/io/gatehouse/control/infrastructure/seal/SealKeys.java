package io.gatehouse.control.infrastructure.seal;

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
 * Loads the seal keys at startup. Outside dev mode a missing seal key stops the application from
 * starting, as a missing credential master key does: recordings would otherwise go unsealed.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class SealKeys {

  public static final String KEY = "gatehouse.seal.key";
  public static final String PUBLIC_KEY = "gatehouse.seal.public.key";
  public static final String KEY_ID = "gatehouse.seal.key.id";
  public static final String PREVIOUS_PUBLIC_KEYS = "gatehouse.seal.previous.public.keys";

  private static final Logger LOG = Logger.getLogger(SealKeys.class.getName());

  @Inject
  @ConfigProperty(name = KEY)
  Optional<String> key;

  @Inject
  @ConfigProperty(name = PUBLIC_KEY)
  Optional<String> publicKey;

  @Inject
  @ConfigProperty(name = KEY_ID, defaultValue = "s1")
  String keyId;

  @Inject
  @ConfigProperty(name = PREVIOUS_PUBLIC_KEYS)
  Optional<String> previousPublicKeys;

  @Inject IdentitySettings identity;

  private SealKeyRing ring;

  @PostConstruct
  void load() {
    ring = loadRing();
    LOG.info(
        () ->
            "Session seals ready: "
                + ring.algorithm().jdkName()
                + ", current key id "
                + ring.currentKeyId()
                + ", "
                + ring.publicKeys().size()
                + " key(s) for verification");
  }

  private SealKeyRing loadRing() {
    String previous = previousPublicKeys.orElse("");
    if (key.isPresent()) {
      try {
        if (publicKey.isEmpty()) {
          throw new IllegalArgumentException(
              PUBLIC_KEY + " is required with " + KEY + " (openssl pkey -in KEY.pem -pubout)");
        }
        return SealKeyRing.of(keyId, key.get(), publicKey.get(), previous);
      } catch (IllegalArgumentException e) {
        LOG.severe("GATEHOUSE CANNOT START: seal key: " + e.getMessage());
        throw e;
      }
    }
    if (identity.devMode()) {
      LOG.warning(
          "Dev mode: session recordings are sealed with a generated key kept in "
              + identity.devDirectory().resolve(DevSealKey.PRIVATE_FILE)
              + "; set "
              + KEY
              + " for production");
      String[] pems = DevSealKey.loadOrCreate(identity.devDirectory());
      return SealKeyRing.of(DevSealKey.KEY_ID, pems[0], pems[1], previous);
    }
    String message =
        "GATEHOUSE CANNOT START: no seal key. Set "
            + KEY
            + " (GATEHOUSE_SEAL_KEY) to an Ed25519 or EC P-256 private key in PEM (for example"
            + " 'openssl genpkey -algorithm ed25519'), "
            + PUBLIC_KEY
            + " to its public key and "
            + KEY_ID
            + " to its id.";
    LOG.severe(message);
    throw new IllegalStateException(message);
  }

  public SealKeyRing ring() {
    return ring;
  }
}
