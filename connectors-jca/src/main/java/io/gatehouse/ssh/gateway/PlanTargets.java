package io.gatehouse.ssh.gateway;

import io.gatehouse.connector.api.TargetSpec;
import io.gatehouse.ssh.relay.HostKeyPin;
import io.gatehouse.ssh.relay.TargetCredential;
import io.gatehouse.ssh.relay.TargetEndpoint;
import io.gatehouse.ssh.relay.TargetResolver;
import io.gatehouse.ssh.relay.TargetUnavailableException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.session.ServerSession;

/**
 * The target of a gateway session, from its session plan: host, port, login, the gateway's password
 * or private key, and the host key pin derived from the connection's OpenSSH public key. A
 * connection without a host key is refused: the gateway never trusts a target on first use.
 */
final class PlanTargets implements TargetResolver {

  @Override
  public Optional<TargetEndpoint> resolve(String connectionName, String identity) {
    return Optional.empty();
  }

  @Override
  public Optional<TargetEndpoint> resolve(ServerSession session) throws TargetUnavailableException {
    SshSessionState state = session.getAttribute(SshSessionState.KEY);
    if (state == null) {
      throw new TargetUnavailableException("this session has no session plan");
    }
    return Optional.of(endpoint(state.plan().connection(), state.plan().target()));
  }

  static TargetEndpoint endpoint(String connection, TargetSpec spec)
      throws TargetUnavailableException {
    if (spec.host() == null || spec.host().isBlank()) {
      throw new TargetUnavailableException("connection " + connection + " has no target host");
    }
    return new TargetEndpoint(
        spec.host(),
        spec.port() > 0 ? spec.port() : 22,
        spec.username(),
        credential(connection, spec),
        pin(connection, spec.hostKey()));
  }

  static HostKeyPin pin(String connection, String openSshPublicKey)
      throws TargetUnavailableException {
    if (openSshPublicKey == null || openSshPublicKey.isBlank()) {
      throw new TargetUnavailableException(
          "connection "
              + connection
              + " has no pinned host key; an administrator must set its \"hostKey\"");
    }
    try {
      PublicKey key =
          PublicKeyEntry.parsePublicKeyEntry(openSshPublicKey.trim())
              .resolvePublicKey(null, null, null);
      if (key == null) {
        throw new IllegalArgumentException("unsupported key type");
      }
      return HostKeyPin.of(key);
    } catch (Exception e) {
      throw new TargetUnavailableException(
          "the host key of connection " + connection + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static TargetCredential credential(String connection, TargetSpec spec)
      throws TargetUnavailableException {
    if (spec.secret() == null) {
      throw new TargetUnavailableException("connection " + connection + " has no credential");
    }
    if ("password".equals(spec.secretKind())) {
      return TargetCredential.password(spec.secret());
    }
    if ("privateKey".equals(spec.secretKind())) {
      return TargetCredential.keyPair(keyPair(connection, spec.secret()));
    }
    throw new TargetUnavailableException(
        "connection " + connection + " has a " + spec.secretKind() + " credential, not for SSH");
  }

  private static KeyPair keyPair(String connection, String pem) throws TargetUnavailableException {
    try {
      Iterable<KeyPair> pairs =
          SecurityUtils.loadKeyPairIdentities(
              null,
              NamedResource.ofName(connection),
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)),
              null);
      Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
      if (it == null || !it.hasNext()) {
        throw new IllegalArgumentException("no key found");
      }
      return it.next();
    } catch (Exception e) {
      throw new TargetUnavailableException(
          "the private key of connection "
              + connection
              + " cannot be read ("
              + e.getMessage()
              + "); use an unencrypted RSA, ECDSA or Ed25519 key in OpenSSH or PEM form",
          e);
    }
  }
}
