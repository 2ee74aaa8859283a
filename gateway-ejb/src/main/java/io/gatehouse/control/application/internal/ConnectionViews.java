package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.ConnectionView;
import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionSettings;
import io.gatehouse.control.domain.model.connection.Credential;
import io.gatehouse.control.domain.model.connection.SecretKind;
import java.util.List;

/** Connection entity to view: the one place that decides what of a connection is shown. */
final class ConnectionViews {

  private ConnectionViews() {}

  static ConnectionView of(Connection connection) {
    ConnectionSettings settings = connection.settings();
    Credential credential = connection.credential();
    return new ConnectionView(
        connection.name(),
        settings.type().apiName(),
        new ConnectionView.TargetView(
            settings.target().host(),
            settings.target().port(),
            settings.target().database(),
            settings.target().url()),
        new ConnectionView.TlsView(
            settings.tls().mode().apiName(), settings.tls().caPem(), settings.tls().serverName()),
        settings.hostKey(),
        new ConnectionView.CredentialView(
            credential.username(),
            kindName(credential.kind()),
            credential.secret() != null,
            credential.version(),
            credential.secret().keyId()),
        List.copyOf(connection.accessGroups()),
        settings.policyName(),
        connection.createdAt(),
        connection.updatedAt(),
        connection.version());
  }

  static String kindName(SecretKind kind) {
    return switch (kind) {
      case PASSWORD -> "password";
      case PRIVATE_KEY -> "private-key";
      case BEARER_TOKEN -> "token";
      case CLIENT_CERTIFICATE -> "client-certificate";
    };
  }
}
