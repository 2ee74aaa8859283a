package io.gatehouse.control.infrastructure.crypto;

import io.gatehouse.control.application.CredentialKeyService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After a key rotation (a new current key, the old one listed as previous), reseals the stored
 * credentials under the new key at startup, so the old key can be retired. A failure is logged and
 * does not stop the server: old blobs keep opening with the previous key.
 */
@Singleton
@Startup
@DependsOn("CredentialKeys")
public class CredentialRekeyOnStartup {

  private static final Logger LOG = Logger.getLogger(CredentialRekeyOnStartup.class.getName());

  @EJB CredentialKeyService rekey;

  // NOT_SUPPORTED: the reseal runs in its own transaction; its failure must not roll back (and
  // so fail) this bean's start.
  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void reseal() {
    try {
      rekey.resealAll();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Credential key rotation at startup failed; will retry next start", e);
    }
  }
}
