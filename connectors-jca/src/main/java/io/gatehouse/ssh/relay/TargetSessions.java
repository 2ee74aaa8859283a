package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.GatewaySshProperties;
import io.gatehouse.ssh.server.SessionAttributes;
import java.util.logging.Logger;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;

/**
 * One target session per gateway session, opened on the first channel that needs it, shared by
 * later channels (ControlMaster, scp and a shell side by side) and closed with the gateway session.
 * The seam where a pool of target sessions would plug in.
 */
final class TargetSessions {

  private static final Logger LOG = Logger.getLogger(TargetSessions.class.getName());
  private static final AttributeKey<ClientSession> TARGET = new AttributeKey<>();
  private static final AttributeKey<Object> LOCK = new AttributeKey<>();

  private final TargetResolver resolver;
  private final TargetConnector connector;

  TargetSessions(TargetResolver resolver, TargetConnector connector) {
    this.resolver = resolver;
    this.connector = connector;
  }

  ClientSession targetFor(ServerSession session) throws TargetUnavailableException {
    synchronized (session.computeAttributeIfAbsent(LOCK, k -> new Object())) {
      ClientSession existing = session.getAttribute(TARGET);
      if (existing != null && existing.isOpen()) {
        return existing;
      }
      String connection = session.getUsername();
      String identity = session.getAttribute(SessionAttributes.IDENTITY);
      TargetEndpoint target =
          resolver
              .resolve(session)
              .orElseThrow(
                  () -> new TargetUnavailableException("no target for connection " + connection));
      ClientSession opened =
          connector.connect(
              target,
              GatewaySshProperties.TARGET_CONNECT_TIMEOUT.getRequired(session),
              GatewaySshProperties.TARGET_AUTH_TIMEOUT.getRequired(session));
      session.setAttribute(TARGET, opened);
      session.addCloseFutureListener(f -> opened.close(true));
      LOG.info(
          () ->
              "session "
                  + session
                  + ": "
                  + identity
                  + " on "
                  + connection
                  + " relayed to "
                  + target);
      return opened;
    }
  }
}
