package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.CredentialKeyService;
import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import io.gatehouse.control.domain.model.connection.Credential;
import io.gatehouse.control.infrastructure.crypto.CredentialCipher;
import io.gatehouse.control.infrastructure.crypto.CredentialDecryptionException;
import io.gatehouse.control.infrastructure.crypto.CredentialKeys;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.logging.Logger;

@Stateless
public class DefaultCredentialKeyService implements CredentialKeyService {

  private static final Logger LOG = Logger.getLogger(DefaultCredentialKeyService.class.getName());

  @Inject ConnectionRepository connections;
  @EJB CredentialKeys keys;

  @Override
  public RekeyResult resealAll() {
    CredentialCipher cipher = keys.cipher();
    int resealed = 0;
    int failed = 0;
    for (Connection connection : connections.findSealedWithOtherKey(cipher.currentKeyId())) {
      Credential credential = connection.credential();
      try {
        credential.reseal(cipher.reseal(credential.secret(), connection.name(), credential.kind()));
        resealed++;
      } catch (CredentialDecryptionException e) {
        failed++;
        LOG.warning(e.getMessage());
      }
    }
    if (resealed + failed > 0) {
      int done = resealed;
      int bad = failed;
      LOG.info(
          () ->
              "Credential key rotation: "
                  + done
                  + " resealed under "
                  + cipher.currentKeyId()
                  + ", "
                  + bad
                  + " could not be opened");
    }
    return new RekeyResult(cipher.currentKeyId(), resealed, failed);
  }
}
