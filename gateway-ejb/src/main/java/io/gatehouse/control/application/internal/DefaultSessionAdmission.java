package io.gatehouse.control.application.internal;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessDeniedException.Reason;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.RecordedEvent;
import io.gatehouse.connector.api.SessionOutcome;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.control.application.IdentityKeyService;
import io.gatehouse.control.application.SessionAdmission;
import io.gatehouse.control.application.TargetCredentials;
import io.gatehouse.control.application.TargetLogin;
import io.gatehouse.control.domain.model.connection.Connection;
import io.gatehouse.control.domain.model.connection.ConnectionRepository;
import io.gatehouse.control.domain.model.connection.ConnectionSettings;
import io.gatehouse.control.domain.model.connection.SecretKind;
import io.gatehouse.control.domain.model.grant.Grant;
import io.gatehouse.control.domain.model.grant.GrantRepository;
import io.gatehouse.control.domain.model.identity.OpenSshPublicKey;
import io.gatehouse.control.domain.model.policy.PolicyRecord;
import io.gatehouse.control.domain.model.policy.PolicyRepository;
import io.gatehouse.control.domain.model.session.GatewaySession;
import io.gatehouse.control.domain.model.session.Protocol;
import io.gatehouse.control.domain.model.session.SessionRepository;
import io.gatehouse.control.domain.model.session.SessionStatus;
import io.gatehouse.control.identity.AccessTokenVerifier.InvalidTokenException;
import io.gatehouse.control.identity.TokenVerification;
import io.gatehouse.control.identity.VerifiedIdentity;
import io.gatehouse.control.infrastructure.crypto.CredentialKeys;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The control plane's side of every data-plane session: one decision per session, then the session
 * runs on its plan without asking again.
 */
@Stateless
public class DefaultSessionAdmission implements SessionAdmission {

  private static final Logger LOG = Logger.getLogger(DefaultSessionAdmission.class.getName());

  @Inject TokenVerification tokens;
  @Inject ConnectionRepository connections;
  @Inject PolicyRepository policies;
  @Inject GrantRepository grants;
  @Inject SessionRepository sessions;
  @Inject RecordingSeals seals;
  @jakarta.ejb.EJB SessionEventWriter writer;
  @EJB TargetCredentials credentials;
  @EJB CredentialKeys keys;
  @EJB IdentityKeyService publicKeys;

  @Override
  public SessionPlan admit(AccessRequest request) throws AccessDeniedException {
    VerifiedIdentity who = identify(request);
    Connection connection =
        connections
            .find(request.connection())
            .orElseThrow(
                () ->
                    new AccessDeniedException(
                        Reason.UNKNOWN_CONNECTION,
                        "there is no connection named \"" + request.connection() + "\""));
    if (!connection.type().name().equals(request.protocol().name())) {
      throw new AccessDeniedException(
          Reason.UNKNOWN_CONNECTION,
          "connection \""
              + connection.name()
              + "\" is a "
              + connection.type().name().toLowerCase(Locale.ROOT)
              + " connection, not "
              + request.protocol().name().toLowerCase(Locale.ROOT));
    }
    Instant now = Instant.now();
    Instant expires = who.expiresAt();
    String grantId = null;
    if (!connection.grantsAccessTo(who.groups())) {
      Grant grant = activeGrant(who, connection, now);
      grantId = grant.id();
      expires = expires.isBefore(grant.windowEnd()) ? expires : grant.windowEnd();
    }
    Optional<PolicyRecord> policy = policyOf(connection);
    TargetSpec target = target(connection, request.database());
    GatewaySession session =
        new GatewaySession(
            who.name(),
            who.groups(),
            connection.name(),
            Protocol.valueOf(request.protocol().name()),
            request.clientAddress(),
            now);
    if (request.publicKey() != null) {
      session.admittedByKey(OpenSshPublicKey.parse(request.publicKey()).fingerprint());
    }
    sessions.store(session);
    String via =
        (grantId == null ? "group access" : "grant " + grantId)
            + session.keyFingerprint().map(fp -> ", key " + fp).orElse("");
    LOG.info(
        () ->
            "Session "
                + session.id()
                + " opened: "
                + who.name()
                + " on "
                + connection.name()
                + " from "
                + request.clientAddress()
                + " ("
                + via
                + ")");
    return new SessionPlan(
        session.id(),
        who.name(),
        who.groups(),
        connection.name(),
        request.protocol(),
        target,
        policy.map(PolicyRecord::name).orElse(null),
        policy.map(PolicyRecord::version).orElse(0L),
        policy.map(PolicyRecord::document).orElse(null),
        expires,
        grantId,
        keys.maskingKey());
  }

  @Override
  public boolean requiresTls(io.gatehouse.connector.api.Protocol protocol, String connectionName) {
    Optional<Connection> connection =
        connections.find(connectionName).filter(c -> c.type().name().equals(protocol.name()));
    if (connection.isEmpty()) {
      return false;
    }
    try {
      return policyOf(connection.get()).map(p -> p.policy().requireTls()).orElse(false);
    } catch (AccessDeniedException policyMissing) {
      return true;
    }
  }

  /**
   * Who the caller is: the access token's subject and groups, or, for a public key the SSH listener
   * has verified the client holds, the subject and groups stored when the key was registered.
   */
  private VerifiedIdentity identify(AccessRequest request) throws AccessDeniedException {
    if (request.publicKey() != null) {
      return publicKeys.verify(request.publicKey());
    }
    try {
      return tokens.verify(request.accessToken());
    } catch (InvalidTokenException e) {
      throw new AccessDeniedException(
          Reason.INVALID_CREDENTIAL, "access token refused: " + e.getMessage());
    }
  }

  private Grant activeGrant(VerifiedIdentity who, Connection connection, Instant now)
      throws AccessDeniedException {
    return grants.findActiveFor(who.name(), connection.name()).stream()
        .filter(grant -> grant.isActiveAt(now))
        .max(Comparator.comparing(Grant::windowEnd))
        .orElseThrow(
            () ->
                new AccessDeniedException(
                    Reason.NOT_PERMITTED,
                    who.name()
                        + " may not use connection \""
                        + connection.name()
                        + "\": that needs one of the groups "
                        + connection.accessGroups()
                        + " or an approved grant"));
  }

  private Optional<PolicyRecord> policyOf(Connection connection) throws AccessDeniedException {
    if (connection.policyName() == null) {
      return Optional.empty();
    }
    Optional<PolicyRecord> policy = policies.find(connection.policyName());
    if (policy.isEmpty()) {
      throw new AccessDeniedException(
          Reason.UNAVAILABLE,
          "the policy \"" + connection.policyName() + "\" of this connection is missing");
    }
    return policy;
  }

  private TargetSpec target(Connection connection, String database) {
    ConnectionSettings settings = connection.settings();
    try (TargetLogin login = credentials.open(connection.name())) {
      TargetSpec spec =
          new TargetSpec(
              settings.target().host(),
              settings.target().port() == null ? 0 : settings.target().port(),
              settings.target().database(),
              settings.target().url(),
              settings.tls().mode().apiName(),
              settings.tls().caPem(),
              settings.hostKey(),
              login.username(),
              secret(login),
              login.kind().apiName(),
              connection.credential().version());
      return database == null ? spec : spec.withDatabase(database);
    }
  }

  /** The secret as the data plane gets it; a client certificate travels with its key, as PEM. */
  private static String secret(TargetLogin login) {
    String secret = new String(login.secret(), StandardCharsets.UTF_8);
    return login.kind() == SecretKind.CLIENT_CERTIFICATE && login.clientCertificatePem() != null
        ? login.clientCertificatePem() + "\n" + secret
        : secret;
  }

  @Override
  public int store(List<RecordedEvent> events) {
    // Per session, in id order, each in its own transaction (see SessionEventWriter).
    Map<String, List<RecordedEvent>> bySession = new TreeMap<>();
    for (RecordedEvent event : events) {
      bySession.computeIfAbsent(event.sessionId(), id -> new ArrayList<>()).add(event);
    }
    int added = 0;
    for (Map.Entry<String, List<RecordedEvent>> entry : bySession.entrySet()) {
      added += writer.write(entry.getKey(), entry.getValue());
    }
    return added;
  }

  @Override
  public void close(SessionOutcome outcome) {
    sessions
        .findForUpdate(outcome.sessionId())
        .ifPresent(
            session -> {
              if (session.status() == SessionStatus.ACTIVE) {
                session.end(
                    SessionStatus.endedBy(outcome.reason()), outcome.reason(), outcome.endedAt());
              }
              session.settle(outcome.statements(), outcome.blocked());
              sessions.store(session);
              seals.sealIfComplete(session);
            });
  }
}
