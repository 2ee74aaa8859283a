package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.application.TargetCredentials;
import io.gatehouse.control.application.TargetLogin;
import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import io.gatehouse.control.domain.model.connection.Credential;
import io.gatehouse.control.infrastructure.crypto.CredentialKeys;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

@Stateless
public class DefaultTargetCredentials implements TargetCredentials {

  @Inject ConnectionRepository connections;
  @EJB CredentialKeys keys;

  @Override
  public TargetLogin open(String connectionName) {
    Connection connection =
        connections
            .find(connectionName)
            .orElseThrow(
                () ->
                    new ResourceNotFoundException("No connection named '" + connectionName + "'"));
    Credential credential = connection.credential();
    byte[] secret = keys.cipher().open(credential.secret(), connection.name(), credential.kind());
    return new TargetLogin(
        credential.username(), credential.kind(), secret, credential.clientCertificatePem());
  }
}
