package io.gatehouse.control.application.internal;

import io.gatehouse.control.application.ConnectionService;
import io.gatehouse.control.application.ConnectionSpec;
import io.gatehouse.control.application.ConnectionView;
import io.gatehouse.control.application.CredentialSpec;
import io.gatehouse.control.application.InvalidRequestException;
import io.gatehouse.control.application.ResourceConflictException;
import io.gatehouse.control.application.ResourceNotFoundException;
import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import io.gatehouse.control.domain.model.connection.Credential;
import io.gatehouse.control.domain.model.connection.SealedSecret;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import io.gatehouse.control.infrastructure.crypto.CredentialKeys;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

@Stateless
public class DefaultConnectionService implements ConnectionService {

  private static final Logger LOG = Logger.getLogger(DefaultConnectionService.class.getName());

  @Inject ConnectionRepository connections;
  @Inject PolicyRepository policies;
  @EJB CredentialKeys keys;

  @Override
  public List<ConnectionView> list() {
    return connections.findAll().stream().map(ConnectionViews::of).toList();
  }

  @Override
  public ConnectionView get(String name) {
    return ConnectionViews.of(require(name));
  }

  @Override
  public ConnectionView create(ConnectionSpec spec) {
    if (connections.find(spec.name()).isPresent()) {
      throw new ResourceConflictException("A connection named '" + spec.name() + "' exists");
    }
    requirePolicy(spec.settings().policyName());
    CredentialSpec given = spec.credential();
    if (!given.hasSecret()) {
      throw new InvalidRequestException(
          "A new connection needs a secret",
          "/credential",
          "a secret is required: password, privateKey, token, or clientCertificate with clientKey");
    }
    Instant now = Instant.now();
    Connection connection =
        domain(
            () ->
                new Connection(
                    spec.name(),
                    spec.settings(),
                    new Credential(
                        given.username(),
                        given.kind(),
                        seal(spec.name(), given),
                        given.clientCertificatePem()),
                    now));
    connections.store(connection);
    LOG.info(() -> "Connection " + spec.name() + " created (" + spec.settings().type() + ")");
    return ConnectionViews.of(connection);
  }

  @Override
  public ConnectionView replace(String name, ConnectionSpec spec) {
    if (!name.equals(spec.name())) {
      throw new InvalidRequestException(
          "Names differ", "/name", "must equal the name in the URL ('" + name + "')");
    }
    Connection connection = require(name);
    requirePolicy(spec.settings().policyName());
    CredentialSpec given = spec.credential();
    Instant now = Instant.now();
    domain(
        () -> {
          connection.reconfigure(spec.settings(), now);
          Credential credential = connection.credential();
          credential.rename(given.username());
          if (given.hasSecret()) {
            credential.replaceSecret(given.kind(), seal(name, given), given.clientCertificatePem());
          }
          connection.touch(now);
          return connection;
        });
    connections.store(connection);
    LOG.info(() -> "Connection " + name + " replaced" + (given.hasSecret() ? ", new secret" : ""));
    return ConnectionViews.of(connection);
  }

  @Override
  public void delete(String name) {
    connections.remove(require(name));
    LOG.info(() -> "Connection " + name + " deleted");
  }

  private Connection require(String name) {
    return connections
        .find(name)
        .orElseThrow(() -> new ResourceNotFoundException("No connection named '" + name + "'"));
  }

  private void requirePolicy(String policyName) {
    if (policyName != null && policies.find(policyName).isEmpty()) {
      throw new InvalidRequestException(
          "Unknown policy", "/policy", "no policy named '" + policyName + "'; create it first");
    }
  }

  private SealedSecret seal(String connectionName, CredentialSpec given) {
    byte[] plaintext = given.secret().getBytes(StandardCharsets.UTF_8);
    try {
      return keys.cipher().seal(plaintext, connectionName, given.kind());
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** Runs a domain change; an invariant it refuses becomes a bad request, not a server error. */
  private static <T> T domain(java.util.function.Supplier<T> change) {
    try {
      return change.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InvalidRequestException("Invalid connection", "", e.getMessage());
    }
  }
}
